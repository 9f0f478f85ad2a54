package io.ensemble.launch;

import io.ensemble.governance.item.GovernanceRegister;
import io.ensemble.governance.item.RaiseRequest;
import io.ensemble.governance.item.Raiser;
import io.ensemble.launch.JointLaunchProcess.Notification;
import io.ensemble.launch.OfferStore.Line;
import io.ensemble.launch.OfferStore.Offer;
import io.ensemble.launch.OfferStore.OfferPartner;
import io.ensemble.launch.OfferStore.Statement;
import io.ensemble.launch.OfferStore.Status;
import io.ensemble.partnerapi.client.PartnerApiClient;
import io.ensemble.partnerapi.client.PartnerCall;
import io.ensemble.partnerapi.client.SettlementFigures;
import io.ensemble.platform.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Settlement by outcome of a launched offer, period by period: each partner's figures, finance's revenue, payouts
 * that sum exactly to it ({@link Settlement}), finance's approval, and the statement sent to every partner. An SLA
 * breach raises a governance item about the breaching partner.
 */
@Service
@Transactional
public class SettlementService {

  static final Map<PricingModel, Boolean> SETTLED_BY_OUTCOME = Map.of(PricingModel.OUTCOME_BASED, true,
      PricingModel.REVENUE_SHARE, true, PricingModel.USAGE_BASED, false, PricingModel.TIERED_SUBSCRIPTION, false);

  private final OfferStore offers;
  private final PartnerApiClient client;
  private final GoToMarketService goToMarket;
  private final GovernanceRegister governance;

  SettlementService(OfferStore offers, PartnerApiClient client, GoToMarketService goToMarket,
      GovernanceRegister governance) {
    this.offers = offers;
    this.client = client;
    this.goToMarket = goToMarket;
    this.governance = governance;
  }

  boolean settledByOutcome(String offerKey) {
    return SETTLED_BY_OUTCOME.get(offers.get(offerKey).model());
  }

  /** When the next period ends (start of that day, UTC): launch date + (statements so far + 1) periods. */
  Date nextPeriodEnd(String offerKey) {
    Offer offer = offers.get(offerKey);
    LocalDate end = periodStart(offer, offers.statementCount(offerKey) + 1);
    return Date.from(end.atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  private static LocalDate periodStart(Offer offer, int periodNo) {
    Period period = Period.parse(offer.settlementPeriod());
    LocalDate start = offer.launchedOn();
    for (int i = 0; i < periodNo; i++) {
      start = start.plus(period);
    }
    return start;
  }

  /** Opens the statement of the period that just ended. */
  long openPeriod(String offerKey) {
    Offer offer = offers.get(offerKey);
    int periodNo = offers.statementCount(offerKey) + 1;
    return offers.openStatement(offerKey, periodNo, periodStart(offer, periodNo - 1), periodStart(offer, periodNo),
        offer.currency());
  }

  /** Fetches one partner's figures for the period and keeps them with its decided share. */
  void fetchFigures(PartnerCall call, long statementId) {
    Statement statement = offers.statement(statementId);
    Offer offer = offers.get(statement.offerKey());
    OfferPartner partner = offers.partners(offer.offerKey()).stream()
        .filter(p -> p.partnerKey().equals(call.partnerKey())).findFirst().orElseThrow();
    SettlementFigures figures = client.settlementFigures(call, offer.offerKey(), statement.periodStart(),
        statement.periodEnd());
    BigDecimal attainment = offer.outcomeTarget() == null || figures.outcomeActual() == null ? null
        : figures.outcomeActual().multiply(BigDecimal.valueOf(100))
            .divide(offer.outcomeTarget(), 2, RoundingMode.HALF_EVEN);
    offers.figures(statementId, call.partnerKey(), partner.basisPoints(), figures.outcomeActual(), attainment,
        Math.max(0, figures.slaBreaches()));
  }

  void confirmRevenue(long statementId, BigDecimal revenue, String by) {
    if (revenue == null || revenue.signum() < 0 || revenue.stripTrailingZeros().scale() > 2) {
      throw new InvalidInputException("periodRevenue must be a non-negative amount with at most 2 decimals, got "
          + revenue);
    }
    offers.revenueConfirmed(statementId, revenue.setScale(2), by);
  }

  /** Computes every partner's payout; each breaching partner raises a governance item (once per statement). */
  void computePayouts(long statementId, String processInstanceId) {
    Statement statement = offers.statement(statementId);
    Offer offer = offers.get(statement.offerKey());
    List<Line> lines = offers.lines(statementId);
    Map<String, Integer> bands = new HashMap<>();
    offers.partners(offer.offerKey()).forEach(p -> bands.put(p.partnerKey(),
        p.slaBandPercent() == null ? 0 : p.slaBandPercent()));
    List<Settlement.Payout> payouts = Settlement.payouts(statement.revenue(), lines.stream()
        .map(l -> new Settlement.Claim(l.partnerKey(), l.basisPoints(), bands.get(l.partnerKey()),
            l.attainmentPercent(), l.slaBreaches())).toList());
    payouts.forEach(p -> offers.payout(statementId, p.partnerKey(), p.adjustedWeight(), p.amount()));
    offers.statementStatus(statementId, "COMPUTED", null);
    for (Line line : lines) {
      if (line.slaBreaches() > 0) {
        raiseBreach(offer, statement, line, processInstanceId);
      }
    }
  }

  private void raiseBreach(Offer offer, Statement statement, Line line, String processInstanceId) {
    Map<String, Object> item = new HashMap<>();
    item.put("kind", "RISK");
    item.put("severity", "HIGH");
    item.put("title", GoToMarketService.truncate("SLA breached: " + line.partnerKey() + " in " + offer.name()
        + ", period " + statement.periodNo(), RaiseRequest.MAX_TITLE));
    item.put("description", line.slaBreaches() + " breach(es) of the SLA terms of offer " + offer.offerKey()
        + " from " + statement.periodStart() + " to " + statement.periodEnd() + "; each costs the partner "
        + Settlement.BREACH_PENALTY_PERCENT + " % of its share in this period's statement.");
    item.put("partnerKey", line.partnerKey());
    item.put("offerKey", offer.offerKey());
    governance.raise(RaiseRequest.of(item), Raiser.process(JointLaunchProcess.KEY, processInstanceId),
        "sla-breach:" + statement.id() + ":" + line.partnerKey());
  }

  void statementDecided(long statementId, JointLaunchProcess.StatementDecision decision, String by) {
    offers.statementStatus(statementId, decision == JointLaunchProcess.StatementDecision.APPROVE ? "APPROVED"
        : "REVENUE_CORRECTION", decision == JointLaunchProcess.StatementDecision.APPROVE ? by : null);
  }

  /** Sends the approved statement to every partner, each with its own line and the total. */
  void send(long statementId, Function<String, PartnerCall> calls) {
    Statement statement = offers.statement(statementId);
    for (Line line : offers.lines(statementId)) {
      goToMarket.tell(calls.apply(line.partnerKey()), Notification.SETTLEMENT_STATEMENT,
          "Settlement of " + statement.offerKey() + ", period " + statement.periodNo() + " (" + statement.periodStart()
              + " to " + statement.periodEnd() + "): revenue " + statement.revenue() + " " + statement.currency()
              + ", your payout " + line.payout() + " " + statement.currency() + " (share "
              + BigDecimal.valueOf(line.basisPoints(), 2) + " %, outcome attainment "
              + (line.attainmentPercent() == null ? "n/a" : line.attainmentPercent() + " %") + ", SLA breaches "
              + line.slaBreaches() + ")");
    }
    offers.statementSent(statementId, org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant());
  }

  void retired(String offerKey) {
    offers.status(offerKey, Status.RETIRED, null);
  }
}
