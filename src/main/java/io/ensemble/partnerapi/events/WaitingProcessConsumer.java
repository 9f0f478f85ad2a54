package io.ensemble.partnerapi.events;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.camunda.bpm.engine.RuntimeService;

/**
 * The usual consumer: the event becomes a BPMN message for the sender's process that waits for it, matched on
 * the business key (the sender's partner key) and on a process variable equal to the event's subject, e.g.
 * {@code sandbox.ready} → message {@code SandboxReady} where {@code sandboxId} equals {@code data.sandboxId}. Chosen
 * fields of {@code data} become process variables (at most 2,000 characters each).
 *
 * <p>The waiting activity carries {@code <camunda:executionListener event="start"
 * delegateExpression="${deliverPendingPartnerEvents}" />} so that an event that came early is delivered as soon as
 * the wait exists, and {@code camunda:asyncAfter="true"} so that what follows the wait runs in a job of its own.
 */
public class WaitingProcessConsumer implements PartnerEventConsumer {

  private static final int MAX_VARIABLE = 2000;

  private final RuntimeService runtimeService;
  private final String eventType;
  private final String messageName;
  private final String subjectVariable;
  private final Map<String, String> dataToVariables;
  private final BiFunction<String, String, Subject> subjects;

  /**
   * @param subjectVariable  the data field naming the subject and the process variable that must equal it
   * @param dataToVariables  data field → process variable set with the message
   * @param subjects         (sender, subject id) → whose it is
   */
  public WaitingProcessConsumer(RuntimeService runtimeService, String eventType, String messageName,
      String subjectVariable, Map<String, String> dataToVariables, BiFunction<String, String, Subject> subjects) {
    this.runtimeService = runtimeService;
    this.eventType = eventType;
    this.messageName = messageName;
    this.subjectVariable = subjectVariable;
    this.dataToVariables = Map.copyOf(dataToVariables);
    this.subjects = subjects;
  }

  @Override
  public String eventType() {
    return eventType;
  }

  @Override
  public String subjectField() {
    return subjectVariable;
  }

  @Override
  public Subject subject(String senderPartnerKey, String subjectId) {
    return subjects.apply(senderPartnerKey, subjectId);
  }

  @Override
  public boolean deliver(ReceivedPartnerEvent event) {
    Map<String, Object> variables = new HashMap<>();
    dataToVariables.forEach((field, variable) -> {
      String value = event.text(field, MAX_VARIABLE);
      if (value != null) {
        variables.put(variable, value);
      }
    });
    return !runtimeService.createMessageCorrelation(messageName)
        .processInstanceBusinessKey(event.partnerKey())
        .processInstanceVariableEquals(subjectVariable, event.subjectId())
        .setVariables(variables)
        .correlateAllWithResult()
        .isEmpty();
  }
}
