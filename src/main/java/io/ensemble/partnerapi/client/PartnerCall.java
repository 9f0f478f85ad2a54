package io.ensemble.partnerapi.client;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * One step's call to one partner: which partner, and the idempotency key of the step.
 *
 * <p>The key is {@code <process instance>:<activity>:<iteration>} (plus {@code .<loopCounter>} inside a
 * multi-instance activity). The iteration is the number of times this activity (or its multi-instance body)
 * has already completed in the instance, read from history: a retried job rolled its attempt back, so it
 * sees the same count and sends the same key; the next pass of a loop sees one more and sends a new key.
 * This needs history level {@code activity} or higher (Ensemble runs {@code full}), and the calling task must be
 * {@code asyncBefore} (as every partner call is, DESIGN.md §8): the history of an earlier pass is only visible
 * once its transaction committed.
 */
public record PartnerCall(String partnerKey, String idempotencyKey) {

  private static final String LOOP_COUNTER = "loopCounter";
  private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

  public PartnerCall {
    if (partnerKey == null || partnerKey.isBlank()) {
      throw new IllegalArgumentException("partnerKey is required");
    }
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("idempotencyKey is required");
    }
  }

  public static PartnerCall of(String partnerKey, String idempotencyKey) {
    return new PartnerCall(partnerKey, idempotencyKey);
  }

  public static PartnerCall of(DelegateExecution execution, String partnerKey) {
    String activityId = execution.getCurrentActivityId();
    Object loopCounter = execution.getVariableLocal(LOOP_COUNTER);
    String countedActivity = loopCounter == null ? activityId : activityId + MULTI_INSTANCE_BODY;
    long completedBefore = execution.getProcessEngineServices().getHistoryService()
        .createHistoricActivityInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .activityId(countedActivity)
        .finished()
        .count();
    String key = execution.getProcessInstanceId() + ":" + activityId + ":" + (completedBefore + 1)
        + (loopCounter == null ? "" : "." + loopCounter);
    return new PartnerCall(partnerKey, key);
  }
}
