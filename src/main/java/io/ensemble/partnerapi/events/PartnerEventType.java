package io.ensemble.partnerapi.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The events partners send, the BPMN message each becomes, the process variable it is correlated on (equal to
 * the event's {@code data.<variable>}), and which event data become process variables.
 */
public enum PartnerEventType {
  SANDBOX_READY("sandbox.ready", "SandboxReady", "sandboxId", Map.of(), true),
  SANDBOX_FAILED("sandbox.failed", "SandboxFailed", "sandboxId", Map.of("reason", "sandboxFailureReason"), true),
  PILOT_MILESTONE("pilot.milestone", "PilotMilestoneReached", "pilotId", Map.of("milestone", "pilotMilestone"),
      false),
  CUSTOMER_ISSUE("customer.issue", "CustomerIssueRaised", "pilotId",
      Map.of("issueId", "issueId", "severity", "issueSeverity", "summary", "issueSummary"), false),
  OPPORTUNITY_UPDATED("opportunity.updated", "OpportunityUpdated", "opportunityId",
      Map.of("stage", "opportunityStage"), false);

  private final String type;
  private final String messageName;
  private final String correlationVariable;
  private final Map<String, String> dataToVariables;
  private final boolean oncePerSubject;

  PartnerEventType(String type, String messageName, String correlationVariable, Map<String, String> dataToVariables,
      boolean oncePerSubject) {
    this.type = type;
    this.messageName = messageName;
    this.correlationVariable = correlationVariable;
    this.dataToVariables = dataToVariables;
    this.oncePerSubject = oncePerSubject;
  }

  public static Optional<PartnerEventType> of(String type) {
    return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
  }

  public String type() { return type; }
  public String messageName() { return messageName; }
  public String correlationVariable() { return correlationVariable; }

  /**
   * A final outcome that happens once per subject (a sandbox is ready once): a second event of this type for the
   * same subject, e.g. the partner's late callback after Ensemble read the outcome itself, is a duplicate.
   */
  public boolean oncePerSubject() { return oncePerSubject; }

  /** Event data field → process variable set on correlation (short strings only). */
  public Map<String, String> dataToVariables() { return dataToVariables; }
}
