package io.ensemble.pilot;

/**
 * The ids of {@code bpmn/pilot-sprint.bpmn} in one place: process key, activities, forms and variables.
 * {@code PilotSprintModelTest} checks that every one exists in the model.
 *
 * <p>The start contract is small variables only, so that the initiative can pass them through a call activity
 * ({@code camunda:in} per variable, business key = pilot key): lists travel as JSON text. Once started, the
 * pilot lives in the pilot tables and the process keeps only {@link Var#PILOT_KEY} and the figures of its
 * current checkpoint; it hands {@link Var#PILOT_OUTCOME} back to a calling process.
 */
public final class PilotSprintProcess {

  private PilotSprintProcess() {}

  public static final String KEY = "pilot-sprint";
  public static final String HEALTH_DECISION = "pilot-health";
  /** The lead integrator when no partner leads: the company's own IT. */
  public static final String OWN_IT = "own-it";

  /** Activity, event and gateway ids. */
  public static final class Activity {
    private Activity() {}
    public static final String PILOT_PROPOSED = "StartEvent_PilotProposed";
    public static final String ENROL_PARTNER = "Task_EnrolPartner";
    public static final String CONFIRM_RUNBOOK = "Task_ConfirmRunbook";
    public static final String CHECKPOINT_DUE = "Event_CheckpointDue";
    public static final String COLLECT_METRICS = "SubProcess_CollectMetrics";
    public static final String FETCH_PARTNER_METRICS = "Task_FetchPartnerMetrics";
    public static final String METRICS_COLLECTED = "EndEvent_MetricsCollected";
    public static final String METRICS_OVERDUE = "BoundaryEvent_MetricsOverdue";
    public static final String LATE_METRICS_RECORDED = "EndEvent_LateMetricsRecorded";
    public static final String AGGREGATE_METRICS = "Task_AggregateMetrics";
    public static final String DECIDE_HEALTH = "Task_DecideHealth";
    public static final String REVIEW_PILOT_AT_RISK = "Task_ReviewPilotAtRisk";
    public static final String RAISE_ESCALATION = "Task_RaiseEscalation";
    public static final String NOTE_RED_PILOT = "Task_NoteRedPilot";
    public static final String CIO_INFORMED = "EndEvent_CioInformed";
    public static final String DECIDE_OUTCOME = "Task_DecideOutcome";
    public static final String EXTEND_TIME_BOX = "Task_ExtendTimeBox";
    public static final String RECORD_OUTCOME = "Task_RecordOutcome";
    public static final String NOTIFY_PARTNER_OF_OUTCOME = "Task_NotifyPartnerOfOutcome";
    public static final String PILOT_DECIDED = "EndEvent_PilotDecided";
  }

  /** Camunda Forms (form id = file name in {@code forms/}). */
  public static final class Form {
    private Form() {}
    public static final String START = "pilot-sprint-start";
    public static final String RUNBOOK = "pilot-sprint-runbook";
    public static final String RISK_REVIEW = "pilot-sprint-risk-review";
    public static final String RED_NOTICE = "pilot-sprint-red-notice";
    public static final String OUTCOME = "pilot-sprint-outcome";
  }

  /** Process variables: the start contract, the current checkpoint, the form fields of each task. */
  public static final class Var {
    private Var() {}
    // start contract (Tasklist start form, engine REST start, a calling process's camunda:in)
    public static final String PILOT_KEY = "pilotKey";
    public static final String PILOT_NAME = "pilotName";
    /** JSON [{"partnerKey", "role"}], or one "partner-key | role" per line. */
    public static final String LINE_UP = "lineUp";
    /** A partner key of the line-up, or {@link #OWN_IT}. */
    public static final String LEAD_INTEGRATOR = "leadIntegrator";
    /** JSON [{"name", "plan", "weight"}], or one "name | plan | weight" per line. */
    public static final String CRITERIA = "criteria";
    /** ISO 8601, one to twelve weeks (P4W, P28D). */
    public static final String DURATION = "duration";
    /** ISO 8601, optional, default one week. */
    public static final String CHECKPOINT_INTERVAL = "checkpointInterval";
    public static final String SERVICE_DESK_QUEUE = "serviceDeskQueue";
    public static final String RUNBOOK_REFERENCE = "runbookReference";
    /** JSON ["step", …], or one step per line. */
    public static final String RUNBOOK_STEPS = "runbookSteps";
    // multi-instance elements
    public static final String PARTNER_KEY = "partnerKey";
    /** One metrics fetch: {@code <checkpoint>:<partner key>}, so that a late retry still knows its checkpoint. */
    public static final String METRICS_REQUEST = "metricsRequest";
    // the current checkpoint
    public static final String CHECKPOINT_NUMBER = "checkpointNumber";
    /** Set when metrics collection ends: the checkpoint it collected for (a late one may be rated already). */
    public static final String COLLECTED_CHECKPOINT = "collectedCheckpoint";
    public static final String ATTAINMENT = "attainment";
    public static final String OPEN_CRITICAL_ISSUES = "openCriticalIssues";
    public static final String SLA_BREACHES = "slaBreaches";
    public static final String HEALTH_RESULT = "pilotHealthResult";
    public static final String HEALTH = "health";
    public static final String HEALTH_REASON = "healthReason";
    // shown in forms (task-local)
    public static final String PILOT_SUMMARY = "pilotSummary";
    public static final String RUNBOOK = "runbook";
    public static final String CHECKPOINT_FIGURES = "checkpointFigures";
    public static final String CHECKPOINT_HISTORY = "checkpointHistory";
    public static final String KPI_TABLE = "kpiTable";
    public static final String OPEN_ITEMS = "openItems";
    public static final String EXTENSIONS_LEFT = "extensionsLeft";
    // runbook confirmation
    public static final String RUNBOOK_CONFIRMED = "runbookConfirmed";
    public static final String SERVICE_DESK_READY = "serviceDeskReady";
    public static final String READINESS_NOTE = "readinessNote";
    // amber review
    public static final String REVIEW_DECISION = "reviewDecision";
    public static final String CORRECTIVE_ACTION = "correctiveAction";
    public static final String ACTION_OWNER = "actionOwner";
    public static final String ACTION_DUE = "actionDue";
    // red: the CIO's note
    public static final String CIO_NOTE = "cioNote";
    // end of the time box
    public static final String OUTCOME = "outcome";
    public static final String OUTCOME_NOTE = "outcomeNote";
    /** Handed back to a calling process: GO or NO_GO. */
    public static final String PILOT_OUTCOME = "pilotOutcome";
  }

  /** Notification types the partners receive ({@code POST /v1/notifications}). */
  public static final class Notification {
    private Notification() {}
    public static final String GO = "GO";
    public static final String NO_GO = "NO_GO";
  }

  public enum Health { GREEN, AMBER, RED }

  public enum ReviewDecision { ACCEPT, CORRECTIVE_ACTION }

  public enum Outcome { GO, EXTEND, NO_GO }

  /** The element of one metrics fetch. */
  public static String metricsRequest(int checkpoint, String partnerKey) {
    return checkpoint + ":" + partnerKey;
  }

  public static int checkpointOf(String metricsRequest) {
    return Integer.parseInt(metricsRequest.substring(0, metricsRequest.indexOf(':')));
  }

  public static String partnerOf(String metricsRequest) {
    return metricsRequest.substring(metricsRequest.indexOf(':') + 1);
  }
}
