package io.ensemble.pilot;

import io.ensemble.partnerapi.events.PartnerEventConsumer;
import io.ensemble.partnerapi.events.ReceivedPartnerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A partner's signed {@code pilot.milestone} ({@code data.pilotId}, {@code data.milestone}, optional
 * {@code data.summary}) goes on the pilot's timeline, once per event id. Only a partner of the pilot's line-up
 * may report its milestones: a pilot it is not enrolled in is another's (404, logged as a security warning).
 */
@Component
class PilotMilestoneEvents implements PartnerEventConsumer {

  static final String EVENT_TYPE = "pilot.milestone";
  private static final Logger LOG = LoggerFactory.getLogger(PilotMilestoneEvents.class);

  private final PilotService pilots;

  PilotMilestoneEvents(PilotService pilots) {
    this.pilots = pilots;
  }

  @Override
  public String eventType() {
    return EVENT_TYPE;
  }

  @Override
  public String subjectField() {
    return "pilotId";
  }

  @Override
  public Subject subject(String senderPartnerKey, String pilotId) {
    if (pilots.isMember(pilotId, senderPartnerKey)) {
      return Subject.OF_SENDER;
    }
    return pilots.exists(pilotId) ? Subject.OF_ANOTHER_PARTNER : Subject.UNKNOWN;
  }

  @Override
  public boolean deliver(ReceivedPartnerEvent event) {
    String milestone = event.text("milestone", 200);
    String summary = event.text("summary", 1500);
    String note = (milestone == null || milestone.isBlank() ? "Milestone" : milestone)
        + (summary == null || summary.isBlank() ? "" : ": " + summary);
    boolean recorded = pilots.milestone(event.subjectId(), event.partnerKey(), event.eventId(), note);
    LOG.info("pilot.milestone {} from {} {} on pilot {}", event.eventId(), event.partnerKey(),
        recorded ? "recorded" : "already recorded", event.subjectId());
    return true;
  }
}
