package io.ensemble.governance.item;

/**
 * The ids of {@code bpmn/governance-item.bpmn} in one place: process key, activities, messages, errors, forms
 * and variables. {@code GovernanceItemModelTest} checks that every one exists in the model.
 */
public final class GovernanceItemProcess {

  private GovernanceItemProcess() {}

  public static final String KEY = "governance-item";
  public static final String SLA_DECISION = "governance-sla";

  /** Activity, event and gateway ids. */
  public static final class Activity {
    private Activity() {}
    public static final String ITEM_RAISED = "StartEvent_ItemRaised";
    public static final String ITEM_REPORTED = "StartEvent_ItemReported";
    public static final String NOTIFY_PARTNER_OF_ITEM = "Task_NotifyPartnerOfItem";
    public static final String ITEM_NOTIFICATION_REFUSED = "BoundaryEvent_ItemNotificationRefused";
    public static final String TRIAGE_ITEM = "Task_TriageItem";
    public static final String RESPONSE_OVERDUE = "BoundaryEvent_ResponseOverdue";
    public static final String RECORD_RESPONSE_BREACH = "Task_RecordResponseBreach";
    public static final String HANDLE_RESPONSE_ESCALATION = "Task_HandleResponseEscalation";
    public static final String RESPONSE_ESCALATION_HANDLED = "EndEvent_ResponseEscalationHandled";
    public static final String RESOLVE_ITEM = "SubProcess_ResolveItem";
    public static final String WORK_ITEM = "Task_WorkItem";
    public static final String HANDED_BACK = "EndEvent_HandedBack";
    public static final String CONFIRM_CLOSURE = "Task_ConfirmClosure";
    public static final String CLOSURE_CONFIRMED = "EndEvent_ClosureConfirmed";
    public static final String RESOLUTION_OVERDUE = "BoundaryEvent_ResolutionOverdue";
    public static final String RECORD_RESOLUTION_BREACH = "Task_RecordResolutionBreach";
    public static final String HANDLE_RESOLUTION_ESCALATION = "Task_HandleResolutionEscalation";
    public static final String RESOLUTION_ESCALATION_HANDLED = "EndEvent_ResolutionEscalationHandled";
    public static final String REASSIGN_ITEM = "Task_ReassignItem";
    public static final String NOTIFY_PARTNER_OF_CLOSURE = "Task_NotifyPartnerOfClosure";
    public static final String CLOSURE_NOTIFICATION_REFUSED = "BoundaryEvent_ClosureNotificationRefused";
    public static final String ITEM_CLOSED = "EndEvent_ItemClosed";
  }

  /** The message that starts an item raised by Ensemble itself: over REST, by another process, by a partner event. */
  public static final class Message {
    private Message() {}
    public static final String ITEM_REPORTED = "GovernanceItemReported";
  }

  /** Camunda Forms (form id = file name in {@code forms/}). */
  public static final class Form {
    private Form() {}
    public static final String START = "governance-item-start";
    public static final String TRIAGE = "governance-item-triage";
    public static final String WORK = "governance-item-work";
    public static final String CLOSURE = "governance-item-closure";
    public static final String ESCALATION = "governance-item-escalation";
  }

  /** Process variables (start contract, raising process inputs) and the form fields of each task. */
  public static final class Var {
    private Var() {}
    /** The register id; also the business key. The only process-wide variable an item keeps. */
    public static final String ITEM_ID = "itemId";
    // start contract (Tasklist start form, engine REST start) and a raising process's inputs
    public static final String KIND = "kind";
    public static final String SEVERITY = "severity";
    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    public static final String PARTNER_KEY_VAR = "partnerKey";
    public static final String INITIATIVE_KEY = "initiativeKey";
    public static final String PILOT_KEY = "pilotKey";
    public static final String OFFER_KEY = "offerKey";
    /** Set on a raising process by {@code raiseGovernanceItem}: the id of the item it raised. */
    public static final String RAISED_ITEM_ID = "governanceItemId";
    // shown in forms (task-local, read from the register)
    public static final String ITEM_KIND_LABEL = "itemKindLabel";
    public static final String ITEM_TITLE = "itemTitle";
    public static final String ITEM_DESCRIPTION = "itemDescription";
    public static final String ITEM_SUMMARY = "itemSummary";
    // triage and reassignment (kind and severity are prefilled task-local, then confirmed)
    public static final String OWNER_GROUP = "ownerGroup";
    public static final String RESOLVE_BY = "resolveBy";
    public static final String TRIAGE_NOTE = "triageNote";
    // work
    public static final String WORK_OUTCOME = "workOutcome";
    public static final String RESOLUTION = "resolution";
    public static final String HAND_BACK_REASON = "handBackReason";
    // closure
    public static final String CLOSURE_DECISION = "closureDecision";
    public static final String REOPEN_REASON = "reopenReason";
    // escalations
    public static final String ESCALATION_ACTION = "escalationAction";
  }

  /** Notification types the partner receives ({@code POST /v1/notifications}). */
  public static final class Notification {
    private Notification() {}
    public static final String ITEM_RAISED = "GOVERNANCE_ITEM_RAISED";
    public static final String ITEM_CLOSED = "GOVERNANCE_ITEM_CLOSED";
  }

  public enum WorkOutcome { RESOLVED, HANDED_BACK }

  public enum ClosureDecision { CLOSE, REOPEN }
}
