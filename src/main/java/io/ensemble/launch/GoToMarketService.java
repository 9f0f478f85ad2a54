package io.ensemble.launch;

import io.ensemble.launch.JointLaunchProcess.Notification;
import io.ensemble.launch.OfferStore.Offer;
import io.ensemble.launch.OfferStore.OfferPartner;
import io.ensemble.launch.OfferStore.Status;
import io.ensemble.partnerapi.client.JointOffer;
import io.ensemble.partnerapi.client.OpportunityRegistration;
import io.ensemble.partnerapi.client.OpportunityRequest;
import io.ensemble.partnerapi.client.PartnerApiClient;
import io.ensemble.partnerapi.client.PartnerCall;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An approved offer in the market: co-sell registration and publication with each partner, the people's
 * go-to-market answers, the launch against its target, and telling partners. Partner calls carry the idempotency
 * key of the calling step's job ({@link PartnerCall#of}).
 */
@Service
// a partner's refusal is a BpmnError the model catches: the engine's transaction goes on and commits
@Transactional(noRollbackFor = BpmnError.class)
public class GoToMarketService {

  private static final Logger LOG = LoggerFactory.getLogger(GoToMarketService.class);
  static final String REGISTERED = "REGISTERED";
  static final String REFUSED = "REFUSED";
  static final String PUBLISHED = "PUBLISHED";

  private final OfferStore offers;
  private final PartnerApiClient client;

  GoToMarketService(OfferStore offers, PartnerApiClient client) {
    this.offers = offers;
    this.client = client;
  }

  /**
   * Registers the offer's co-sell opportunity with one partner, once per partner and offer: the opportunity id is
   * {@code <offer>:<partner>} and a registered opportunity is not registered again. A partner that refuses (4xx)
   * is recorded on the offer; co-selling goes on with the others.
   */
  void registerOpportunity(PartnerCall call, String offerKey) {
    OfferPartner partner = partner(offerKey, call.partnerKey());
    if (partner.opportunityReference() != null) {
      return;
    }
    Offer offer = offers.get(offerKey);
    try {
      OpportunityRegistration registration = client.registerOpportunity(call, new OpportunityRequest(
          partner.opportunityId(), "Joint go-to-market: " + offer.name(), offer.name(), null, offer.currency(),
          offer.targetLaunchDate(), "PROSPECT"));
      offers.opportunityRegistered(offerKey, call.partnerKey(), registration.partnerReference(), "PROSPECT");
    } catch (BpmnError refused) {
      LOG.warn("Partner {} refused the co-sell opportunity {}: {}", call.partnerKey(), partner.opportunityId(),
          refused.getMessage());
      offers.opportunityRegistered(offerKey, call.partnerKey(), null, REFUSED);
    }
  }

  /** Publishes the approved offer to one partner; a refusal (4xx) is recorded and left to the model's boundary. */
  void publish(PartnerCall call, String offerKey) {
    Offer offer = offers.get(offerKey);
    JointOffer published = new JointOffer(offer.name(), offer.pricingModel(),
        offers.priceBook(offerKey).stream().map(e -> new JointOffer.PriceBookEntry(e.sku(), e.description(),
            e.unit(), e.price(), e.currency())).toList(),
        offers.partners(offerKey).stream().map(p -> new JointOffer.RevenueShare(p.partnerKey(),
            BigDecimal.valueOf(p.basisPoints(), 2))).toList(),
        offers.slaTerms(offerKey), offer.targetLaunchDate());
    try {
      client.publishOffer(call, offerKey, published);
      offers.publication(offerKey, call.partnerKey(), PUBLISHED, null);
    } catch (BpmnError refused) {
      offers.publication(offerKey, call.partnerKey(), REFUSED, truncate(refused.getMessage(), 1000));
      throw refused;
    }
  }

  /** Records one go-to-market answer on the offer (collateral, co_selling_plan or sponsorship). */
  void goToMarket(String offerKey, String column, String text) {
    offers.goToMarket(offerKey, column, truncate(text, 2000));
  }

  /** The offer is launched today (engine clock): recorded against its target, and every partner told. */
  void launch(String offerKey, java.util.function.Function<String, PartnerCall> calls, boolean settledByOutcome) {
    Offer offer = offers.get(offerKey);
    LocalDate today = LaunchService.today();
    int daysEarly = (int) ChronoUnit.DAYS.between(today, offer.targetLaunchDate());
    offers.launched(offerKey, today, daysEarly, settledByOutcome ? Status.SETTLING : Status.LAUNCHED);
    String against = daysEarly == 0 ? "on its target date" : daysEarly > 0 ? daysEarly + " days early"
        : -daysEarly + " days late";
    tellEveryPartner(offerKey, calls, Notification.LAUNCHED,
        offer.name() + " launched on " + today + ", " + against + " (target " + offer.targetLaunchDate() + ")");
  }

  void tellEveryPartner(String offerKey, java.util.function.Function<String, PartnerCall> calls, String type,
      String summary) {
    for (OfferPartner partner : offers.partners(offerKey)) {
      tell(calls.apply(partner.partnerKey()), type, summary);
    }
  }

  /** Tells one partner; a refusal (4xx) is logged, it stops nothing. */
  void tell(PartnerCall call, String type, String summary) {
    try {
      client.notify(call, type, summary);
    } catch (BpmnError refused) {
      LOG.warn("Partner {} refused the {} notification: {}", call.partnerKey(), type, refused.getMessage());
    }
  }

  private OfferPartner partner(String offerKey, String partnerKey) {
    return offers.partners(offerKey).stream().filter(p -> p.partnerKey().equals(partnerKey)).findFirst()
        .orElseThrow(() -> new IllegalStateException(partnerKey + " is not in the line-up of " + offerKey));
  }

  static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
