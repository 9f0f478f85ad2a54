package io.ensemble.pilot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partner.PartnerStatus;
import io.ensemble.partnerapi.client.PilotEnrolment;
import io.ensemble.partnerapi.client.PilotMetrics;
import io.ensemble.partnerapi.client.PilotRequest;
import io.ensemble.platform.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pilot sprint's business: its charter and schedule, enrolments, the figures of each checkpoint, the
 * governance office's decisions and the timeline. Times are the engine's clock.
 */
@Service
@Transactional
public class PilotService {

  /** Timeline entry types. */
  enum Event { STARTED, ENROLLED, RUNBOOK_CONFIRMED, CHECKPOINT, HEALTH, REVIEWED, ESCALATED, CIO_NOTED, MILESTONE,
    EXTENDED, DECIDED, PARTNER_NOTIFIED, NOTIFICATION_REFUSED, CLOSED }

  private final PilotStore store;
  private final PartnerRepository partners;
  private final PilotProperties properties;
  private final ObjectMapper json;

  PilotService(PilotStore store, PartnerRepository partners, PilotProperties properties, ObjectMapper json) {
    this.store = store;
    this.partners = partners;
    this.properties = properties;
    this.json = json;
  }

  /** Records a new pilot: 409 for a key in use (a finished pilot's key too), 400 for a partner not active. */
  public void start(PilotPlan plan, String processInstanceId, String startedBy) {
    if (store.exists(plan.pilotKey())) {
      throw InvalidInputException.conflict("Pilot " + plan.pilotKey() + " exists already: choose another pilotKey");
    }
    List<String> problems = new ArrayList<>();
    for (String partnerKey : plan.partnerKeys()) {
      Partner partner = partners.findById(partnerKey).orElse(null);
      if (partner == null) {
        problems.add("partner " + partnerKey + " is not in the registry");
      } else if (partner.getStatus() != PartnerStatus.ACTIVE) {
        problems.add("partner " + partnerKey + " is " + partner.getStatus() + ", not ACTIVE: onboard it first");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Cannot start pilot sprint: lineUp: " + String.join("; ", problems));
    }
    Instant now = now();
    store.insert(plan, now, plus(now, plan.duration(), 1), startedBy, processInstanceId);
    log(plan.pilotKey(), Event.STARTED, startedBy == null ? "system" : startedBy, plan.name() + " started with "
        + String.join(", ", plan.partnerKeys()) + "; lead integrator " + plan.leadIntegrator() + "; time box "
        + plan.duration() + ", checkpoint every " + plan.checkpointInterval());
  }

  @Transactional(readOnly = true)
  public PilotStore.Pilot pilot(String pilotKey) {
    return store.pilot(pilotKey).orElseThrow(() -> new IllegalStateException("No pilot " + pilotKey));
  }

  @Transactional(readOnly = true)
  public List<String> partners(String pilotKey) {
    return store.members(pilotKey).stream().map(PilotStore.Member::partnerKey).toList();
  }

  @Transactional(readOnly = true)
  public boolean isMember(String pilotKey, String partnerKey) {
    return store.isMember(pilotKey, partnerKey);
  }

  @Transactional(readOnly = true)
  public boolean exists(String pilotKey) {
    return store.exists(pilotKey);
  }

  /** What a partner joins ({@code POST /v1/pilots}). */
  @Transactional(readOnly = true)
  public PilotRequest charter(String pilotKey) {
    PilotStore.Pilot pilot = pilot(pilotKey);
    List<String> criteria = store.criteria(pilotKey).stream()
        .map(c -> c.name() + ": plan " + number(c.plan()) + ", weight " + number(c.weight())).toList();
    return new PilotRequest(pilotKey, pilot.name(), criteria, pilot.serviceDeskQueue(), pilot.leadIntegrator(),
        LocalDate.ofInstant(pilot.startedAt(), ZoneOffset.UTC), LocalDate.ofInstant(pilot.endsAt(), ZoneOffset.UTC));
  }

  public void enrolled(String pilotKey, String partnerKey, PilotEnrolment enrolment) {
    String contact = enrolment == null ? null : PilotStore.truncate(enrolment.contact(), 200);
    store.enrolled(pilotKey, partnerKey, contact, now());
    log(pilotKey, Event.ENROLLED, "system", partnerKey + " joined" + (contact == null ? "" : "; contact " + contact));
  }

  public void runbookConfirmed(String pilotKey, String actor, String note) {
    log(pilotKey, Event.RUNBOOK_CONFIRMED, actor, "Runbook and shared service desk ready"
        + (note == null || note.isBlank() ? "" : ": " + note));
  }

  /** When the next checkpoint is due: one interval after the last, never after the end of the time box. */
  @Transactional(readOnly = true)
  public Instant nextCheckpointAt(String pilotKey) {
    PilotStore.Pilot pilot = pilot(pilotKey);
    int next = store.checkpoints(pilotKey).size() + 1;
    Instant due = plus(pilot.startedAt(), Period.parse(pilot.checkpointInterval()), next);
    return due.isAfter(pilot.endsAt()) ? pilot.endsAt() : due;
  }

  /** Opens the next checkpoint; its number. */
  public int openCheckpoint(String pilotKey) {
    Instant due = nextCheckpointAt(pilotKey);
    int number = store.checkpoints(pilotKey).size() + 1;
    store.openCheckpoint(pilotKey, number, due);
    return number;
  }

  /** The metrics fetches of a checkpoint: one per partner, each naming its checkpoint. */
  @Transactional(readOnly = true)
  public List<String> metricsRequests(String pilotKey, int checkpoint) {
    return partners(pilotKey).stream().map(p -> PilotSprintProcess.metricsRequest(checkpoint, p)).toList();
  }

  public void metricsFetched(String pilotKey, int checkpoint, String partnerKey, PilotMetrics metrics) {
    String kpis;
    try {
      kpis = json.writeValueAsString(metrics.kpis());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    store.saveMetrics(pilotKey, checkpoint, partnerKey, PilotStore.truncate(kpis, 10_000),
        Math.max(0, metrics.openCriticalIssues()), Math.max(0, metrics.slaBreaches()), now());
  }

  @Transactional(readOnly = true)
  public boolean isRated(String pilotKey, int checkpoint) {
    return store.checkpoint(pilotKey, checkpoint).map(c -> c.ratedAt() != null).orElse(false);
  }

  /** Aggregates the answers of the partners that answered and records the figures on the checkpoint. */
  public Aggregation rate(String pilotKey, int checkpoint) {
    Aggregation figures = aggregate(pilotKey, checkpoint);
    store.rated(pilotKey, checkpoint, figures, now());
    log(pilotKey, Event.CHECKPOINT, "system", "Checkpoint " + checkpoint + ": attainment " + figures.attainment()
        + " %, " + figures.openCriticalIssues() + " open critical issues, " + figures.slaBreaches() + " SLA breaches"
        + (figures.missingPartners().isEmpty() ? "" : "; no metrics from " + String.join(", ",
        figures.missingPartners())));
    return figures;
  }

  @Transactional(readOnly = true)
  public Aggregation aggregate(String pilotKey, int checkpoint) {
    return Aggregation.of(store.criteria(pilotKey), partners(pilotKey),
        store.metrics(pilotKey).stream().filter(m -> m.checkpoint() == checkpoint).toList());
  }

  public void health(String pilotKey, int checkpoint, String health, String reason, Long decisionRecordId) {
    store.health(pilotKey, checkpoint, health, reason, decisionRecordId);
    log(pilotKey, Event.HEALTH, "system", "Checkpoint " + checkpoint + " " + health + ": " + reason);
  }

  public void reviewed(String pilotKey, int checkpoint, String decision, String action, String owner, String due,
      String actor) {
    log(pilotKey, Event.REVIEWED, actor, "Checkpoint " + checkpoint + " at risk reviewed: "
        + (PilotSprintProcess.ReviewDecision.CORRECTIVE_ACTION.name().equals(decision)
        ? "corrective action '" + action + "' owned by " + owner + ", due " + due : "accepted"));
  }

  public void escalated(String pilotKey, int checkpoint, Object itemId) {
    log(pilotKey, Event.ESCALATED, "system", "Checkpoint " + checkpoint + " RED: governance item " + itemId
        + " (ESCALATION, HIGH) raised; CIO told");
  }

  public void cioNoted(String pilotKey, String actor, String note) {
    log(pilotKey, Event.CIO_NOTED, actor, note == null || note.isBlank() ? "Noted" : note);
  }

  /** Whether the last checkpoint reached the end of the time box. */
  @Transactional(readOnly = true)
  public boolean timeBoxOver(String pilotKey) {
    PilotStore.Pilot pilot = pilot(pilotKey);
    List<PilotStore.Checkpoint> checkpoints = store.checkpoints(pilotKey);
    return !checkpoints.isEmpty() && !checkpoints.get(checkpoints.size() - 1).dueAt().isBefore(pilot.endsAt());
  }

  @Transactional(readOnly = true)
  public int extensionsLeft(String pilotKey) {
    return Math.max(0, properties.maxExtensions() - pilot(pilotKey).extensions());
  }

  /** The governance office's decision at the end of the time box; an extension beyond the limit is a 400. */
  public void decide(String pilotKey, PilotSprintProcess.Outcome outcome, String note, String actor) {
    if (outcome == PilotSprintProcess.Outcome.EXTEND && extensionsLeft(pilotKey) == 0) {
      throw new InvalidInputException("Pilot " + pilotKey + " was extended " + pilot(pilotKey).extensions()
          + " times, the most allowed (ensemble.pilot.max-extensions): decide go or no-go");
    }
    log(pilotKey, Event.DECIDED, actor, outcome + (note == null || note.isBlank() ? "" : ": " + note));
    if (outcome != PilotSprintProcess.Outcome.EXTEND) {
      store.decide(pilotKey, outcome.name(), PilotStore.truncate(note, 2000), actor, now());
    }
  }

  /** Moves the end of the time box by one checkpoint interval. */
  public void extend(String pilotKey) {
    PilotStore.Pilot pilot = pilot(pilotKey);
    Instant endsAt = plus(pilot.endsAt(), Period.parse(pilot.checkpointInterval()), 1);
    store.extend(pilotKey, endsAt);
    log(pilotKey, Event.EXTENDED, "system", "Time box extended to " + endsAt + " (extension "
        + (pilot.extensions() + 1) + " of " + properties.maxExtensions() + ")");
  }

  /** Records the outcome with the last rated attainment and the weeks from kickoff to the decision. */
  public void close(String pilotKey) {
    PilotStore.Pilot pilot = pilot(pilotKey);
    Double attainment = store.checkpoints(pilotKey).stream().filter(c -> c.attainment() != null)
        .reduce((first, second) -> second).map(PilotStore.Checkpoint::attainment).orElse(null);
    Instant decided = pilot.decidedAt() == null ? now() : pilot.decidedAt();
    double weeks = Math.round(Duration.between(pilot.startedAt(), decided).toHours() / 168.0 * 10) / 10.0;
    store.close(pilotKey, pilot.outcome(), attainment, weeks);
    log(pilotKey, Event.CLOSED, "system", pilot.outcome() + " after " + number(weeks) + " weeks, attainment "
        + (attainment == null ? "unknown" : attainment + " %"));
  }

  public void partnerNotified(String pilotKey, String partnerKey, String type) {
    log(pilotKey, Event.PARTNER_NOTIFIED, "system", type + " sent to " + partnerKey);
  }

  public void notificationRefused(String pilotKey, String partnerKey, String type, String problem) {
    log(pilotKey, Event.NOTIFICATION_REFUSED, "system", type + " refused by " + partnerKey + ": " + problem);
  }

  /** A partner's milestone on the timeline, once per event. */
  public boolean milestone(String pilotKey, String partnerKey, String eventId, String note) {
    return store.logEvent(pilotKey, eventId, Event.MILESTONE.name(), "partner:" + partnerKey, note, now());
  }

  @Transactional(readOnly = true)
  public List<PilotStore.Entry> timeline(String pilotKey) {
    return store.timeline(pilotKey);
  }

  private void log(String pilotKey, Event type, String actor, String note) {
    store.log(pilotKey, type.name(), actor == null ? "system" : actor, note, now());
  }

  static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  static Instant plus(Instant from, Period period, int times) {
    return from.plus(Duration.ofDays((long) period.getDays() * times));
  }

  static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
