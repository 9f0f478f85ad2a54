package io.ensemble.pilot;

import static io.ensemble.pilot.PilotSprintProcess.Var.CHECKPOINT_NUMBER;
import static io.ensemble.pilot.PilotSprintProcess.Var.COLLECTED_CHECKPOINT;
import static io.ensemble.pilot.PilotSprintProcess.Var.HEALTH_REASON;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What {@code pilot-sprint}'s expressions read ({@code ${pilotSprint.…}}): the pilot is its business key, which
 * no task completion or variable update can change; everything else comes from the pilot tables.
 */
@Component("pilotSprint")
public class PilotExpressions {

  private final PilotService pilots;
  private final PilotProperties properties;

  PilotExpressions(PilotService pilots, PilotProperties properties) {
    this.pilots = pilots;
    this.properties = properties;
  }

  static String pilotKey(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  static int checkpoint(DelegateExecution execution, String variable) {
    return ((Number) execution.getVariable(variable)).intValue();
  }

  /** The line-up's partner keys: the elements of enrolment and notification. */
  public List<String> partners(DelegateExecution execution) {
    return pilots.partners(pilotKey(execution));
  }

  /** One metrics fetch per partner, each naming the checkpoint of its collection. */
  public List<String> metricsRequests(DelegateExecution execution) {
    return pilots.metricsRequests(pilotKey(execution), checkpoint(execution, CHECKPOINT_NUMBER));
  }

  public Date nextCheckpointAt(DelegateExecution execution) {
    return Date.from(pilots.nextCheckpointAt(pilotKey(execution)));
  }

  public String metricsPatience() {
    return properties.metricsPatience();
  }

  /** Whether the collection that just ended is for a checkpoint not rated yet (false: its metrics came late). */
  public boolean collectedInTime(DelegateExecution execution) {
    return !pilots.isRated(pilotKey(execution), checkpoint(execution, COLLECTED_CHECKPOINT));
  }

  /** The title of the escalation a RED checkpoint raises (at most 200 characters, as the register takes). */
  public String escalationTitle(DelegateExecution execution) {
    String title = "Pilot " + pilots.pilot(pilotKey(execution)).name() + " is RED: "
        + execution.getVariable(HEALTH_REASON);
    return title.length() <= 200 ? title : title.substring(0, 199) + "…";
  }

  public String escalationDescription(DelegateExecution execution) {
    int checkpoint = checkpoint(execution, CHECKPOINT_NUMBER);
    Aggregation figures = pilots.aggregate(pilotKey(execution), checkpoint);
    return "Checkpoint " + checkpoint + " of pilot " + pilotKey(execution) + ": weighted KPI attainment "
        + figures.attainment() + " % of plan, " + figures.openCriticalIssues() + " open critical issues, "
        + figures.slaBreaches() + " SLA breaches" + (figures.missingPartners().isEmpty() ? "" : "; no metrics from "
        + String.join(", ", figures.missingPartners())) + ". See GET /api/pilots/" + pilotKey(execution) + ".";
  }

  public boolean timeBoxOver(DelegateExecution execution) {
    return pilots.timeBoxOver(pilotKey(execution));
  }
}
