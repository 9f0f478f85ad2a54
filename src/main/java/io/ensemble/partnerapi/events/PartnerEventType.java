package io.ensemble.partnerapi.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The events partners send, the BPMN message each becomes, the process variable it is correlated on (equal to
 * the event's {@code data.<variable>}), and which event data become process variables.
 */
public enum PartnerEventType {
  SANDBOX_READY("sandbox.ready", "SandboxReady", "sandboxId", Map.of()),
  SANDBOX_FAILED("sandbox.failed", "SandboxFailed", "sandboxId", Map.of("reason", "sandboxFailureReason")),
  PILOT_MILESTONE("pilot.milestone", "PilotMilestoneReached", "pilotId", Map.of("milestone", "pilotMilestone")),
  CUSTOMER_ISSUE("customer.issue", "CustomerIssueRaised", "pilotId",
      Map.of("issueId", "issueId", "severity", "issueSeverity", "summary", "issueSummary")),
  OPPORTUNITY_UPDATED("opportunity.updated", "OpportunityUpdated", "opportunityId",
      Map.of("stage", "opportunityStage"));

  private final String type;
  private final String messageName;
  private final String correlationVariable;
  private final Map<String, String> dataToVariables;

  PartnerEventType(String type, String messageName, String correlationVariable, Map<String, String> dataToVariables) {
    this.type = type;
    this.messageName = messageName;
    this.correlationVariable = correlationVariable;
    this.dataToVariables = dataToVariables;
  }

  public static Optional<PartnerEventType> of(String type) {
    return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
  }

  public String type() { return type; }
  public String messageName() { return messageName; }
  public String correlationVariable() { return correlationVariable; }

  /** Event data field → process variable set on correlation (short strings only). */
  public Map<String, String> dataToVariables() { return dataToVariables; }
}
