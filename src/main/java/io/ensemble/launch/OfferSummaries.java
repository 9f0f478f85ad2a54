package io.ensemble.launch;

import io.ensemble.launch.JointLaunchProcess.Activity;
import io.ensemble.launch.OfferStore.Line;
import io.ensemble.launch.OfferStore.Offer;
import io.ensemble.launch.OfferStore.OfferPartner;
import io.ensemble.launch.OfferStore.Statement;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/** What a joint-launch form shows of the offer, as Markdown (kept under the engine's 4,000-character strings). */
@Component
class OfferSummaries {

  static final int MAX = 3900;

  private final OfferStore offers;

  OfferSummaries(OfferStore offers) {
    this.offers = offers;
  }

  String summary(String offerKey, String taskDefinitionKey, Long statementId) {
    Offer offer = offers.get(offerKey);
    StringBuilder text = new StringBuilder("#### ").append(offer.name()).append(" (").append(offerKey).append(")\n\n");
    text.append("- **Target launch:** ").append(offer.targetLaunchDate()).append('\n');
    text.append("- **Pricing model:** ").append(offer.pricingModel()).append('\n');
    text.append("- **Why:** ").append(offer.pricingRationale()).append('\n');
    if (offer.outcomeTarget() != null) {
      text.append("- **Outcome target:** ").append(offer.outcomeTarget().stripTrailingZeros().toPlainString())
          .append('\n');
    }
    if (offer.financeComment() != null && Activity.ADJUST_OFFER.equals(taskDefinitionKey)) {
      text.append("- **Finance asks:** ").append(offer.financeComment()).append('\n');
    }
    text.append("\n| Partner | Role | Share | SLA band | Co-sell | Published |\n|---|---|---|---|---|---|\n");
    for (OfferPartner p : offers.partners(offerKey)) {
      text.append("| ").append(p.partnerKey()).append(" | ").append(p.role()).append(" | ")
          .append(p.basisPoints() == null ? "" : BigDecimal.valueOf(p.basisPoints(), 2) + " %").append(" | ")
          .append(p.slaBandPercent() == null ? "" : p.slaBandPercent() + " %").append(" | ")
          .append(p.opportunityStage() == null ? "" : p.opportunityStage()).append(" | ")
          .append(p.publication() == null ? "" : p.publication()
              + (p.publicationProblem() == null ? "" : ": " + p.publicationProblem()))
          .append(" |\n");
    }
    if (statementId != null) {
      Statement statement = offers.statement(statementId);
      text.append("\n**Settlement period ").append(statement.periodNo()).append("** (").append(statement.periodStart())
          .append(" to ").append(statement.periodEnd()).append(")");
      if (statement.revenue() != null) {
        text.append(", revenue ").append(statement.revenue()).append(' ').append(statement.currency());
      }
      text.append("\n\n| Partner | Share | Outcome attainment | SLA breaches | Payout |\n|---|---|---|---|---|\n");
      for (Line line : offers.lines(statementId)) {
        text.append("| ").append(line.partnerKey()).append(" | ").append(BigDecimal.valueOf(line.basisPoints(), 2))
            .append(" % | ").append(line.attainmentPercent() == null ? "n/a" : line.attainmentPercent() + " %")
            .append(" | ").append(line.slaBreaches()).append(" | ")
            .append(line.payout() == null ? "" : line.payout() + " " + statement.currency()).append(" |\n");
      }
    } else {
      text.append("\n**Price book**\n\n| SKU | Description | Unit | Price |\n|---|---|---|---|\n");
      offers.priceBook(offerKey).forEach(e -> text.append("| ").append(e.sku()).append(" | ").append(e.description())
          .append(" | ").append(e.unit()).append(" | ").append(e.price()).append(' ').append(e.currency())
          .append(" |\n"));
      text.append("\n**SLA terms**\n\n");
      offers.slaTerms(offerKey).forEach(term -> text.append("- ").append(term).append('\n'));
    }
    return text.length() <= MAX ? text.toString() : text.substring(0, MAX) + "…";
  }
}
