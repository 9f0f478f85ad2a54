package io.ensemble.launch;

import io.ensemble.partnerapi.events.PartnerEventConsumer;
import io.ensemble.partnerapi.events.ReceivedPartnerEvent;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@code opportunity.updated}: a partner's co-sell opportunity moved; its stage is recorded on the offer. Only the
 * sender's own opportunity ({@code <offer>:<partner>}) can be moved; another partner's is refused (404).
 */
@Component
class OpportunityEvents implements PartnerEventConsumer {

  static final Set<String> STAGES = Set.of("PROSPECT", "QUALIFIED", "PROPOSAL", "COMMITTED", "WON", "LOST");

  private final OfferStore offers;

  OpportunityEvents(OfferStore offers) {
    this.offers = offers;
  }

  @Override
  public String eventType() {
    return "opportunity.updated";
  }

  @Override
  public String subjectField() {
    return "opportunityId";
  }

  @Override
  public Subject subject(String senderPartnerKey, String opportunityId) {
    return offers.opportunity(opportunityId)
        .map(p -> p.partnerKey().equals(senderPartnerKey) ? Subject.OF_SENDER : Subject.OF_ANOTHER_PARTNER)
        .orElse(Subject.UNKNOWN);
  }

  @Override
  public boolean deliver(ReceivedPartnerEvent event) {
    String stage = event.text("stage", 20);
    if (stage == null || !STAGES.contains(stage)) {
      throw new IllegalArgumentException("opportunity.updated needs a stage of " + STAGES + ", got " + stage);
    }
    return offers.opportunityStage(event.subjectId(), event.partnerKey(), stage) > 0;
  }
}
