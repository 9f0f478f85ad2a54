package io.ensemble.partnerapi.client;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * One step's call to one partner: which partner, and the idempotency key of the step attempt.
 *
 * <p>Every partner call of a process runs in a job of its own (the calling task is {@code asyncBefore}, or a
 * compensation handler runs in the job of the event that throws the compensation), never in a person's request:
 * {@link #of(DelegateExecution, String)} refuses to build a call outside a job. The key names that job:
 * {@code <process instance>:<job id>}. The job row is written in the transaction that reaches the step, before the
 * async boundary, and keeps its id through every retry, an incident's retry, a migration to a new version and the
 * renaming of the activity; the next pass of a loop and each element of a multi-instance activity get jobs of
 * their own. A call made by another activity than the job's own (a compensation handler, an activity after a
 * timer or an {@code asyncAfter}) adds {@code /<activity>} and, inside a multi-instance activity that shares the
 * job, {@code .<loopCounter>} (assigned when the elements are created, in collection order).
 */
public record PartnerCall(String partnerKey, String idempotencyKey) {

  private static final String LOOP_COUNTER = "loopCounter";

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
    CommandContext command = Context.getCommandContext();
    JobEntity job = command == null ? null : command.getCurrentJob();
    String activityId = execution.getCurrentActivityId();
    if (job == null) {
      throw new IllegalStateException("Partner call of " + activityId + " outside a job: partner calls never run "
          + "in a person's request; make the activity camunda:asyncBefore (or reach it through one)");
    }
    StringBuilder key = new StringBuilder(execution.getProcessInstanceId()).append(':').append(job.getId());
    if (!activityId.equals(job.getActivityId())) {
      key.append('/').append(activityId);
      Object loopCounter = execution.getVariable(LOOP_COUNTER);
      if (loopCounter != null) {
        key.append('.').append(loopCounter);
      }
    }
    return new PartnerCall(partnerKey, key.toString());
  }
}
