package io.ensemble.partnerapi.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * A partner call that changed something at the partner cannot be rolled back unnoticed. When the job that made
 * it rolls back, there are two cases. The job still exists: its retry repeats the call with the same idempotency
 * key and the partner answers as before, nothing is lost. The job is gone: a concurrent change (a withdrawal while
 * <i>Provision sandbox</i> was calling the partner) cancelled the step, and nothing in Ensemble will ever know of
 * the effect: it is undone where the operation can be undone (the sandbox is removed), and logged as an error
 * naming partner, operation and key where it cannot.
 *
 * <p>Runs on a thread of its own once the job's transaction has ended, so that no thread ever holds two connections.
 */
@Component
class RolledBackEffects implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(RolledBackEffects.class);

  private final ManagementService managementService;
  private final ExecutorService afterRollback = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "partner-effects-after-rollback");
    thread.setDaemon(true);
    return thread;
  });

  RolledBackEffects(@Lazy ManagementService managementService) {
    this.managementService = managementService;
  }

  /** Watches the current job's transaction after a successful changing call; {@code undo} may be null. */
  void watch(PartnerCall call, PartnerOperation operation, Runnable undo) {
    CommandContext command = Context.getCommandContext();
    JobEntity job = command == null ? null : command.getCurrentJob();
    if (job == null) {
      return;
    }
    String jobId = job.getId();
    command.getTransactionContext().addTransactionListener(TransactionState.ROLLED_BACK,
        rolledBack -> afterRollback.execute(() -> settle(jobId, call, operation, undo)));
  }

  private void settle(String jobId, PartnerCall call, PartnerOperation operation, Runnable undo) {
    if (managementService.createJobQuery().jobId(jobId).count() > 0) {
      LOG.info("Partner {}: {} succeeded but its step rolled back; the retry repeats it with Idempotency-Key {}",
          call.partnerKey(), operation.id(), call.idempotencyKey());
      return;
    }
    if (undo == null) {
      LOG.error("Partner {}: {} succeeded (Idempotency-Key {}) in a step that a concurrent change cancelled; "
          + "Ensemble keeps no record of its effect at the partner", call.partnerKey(), operation.id(),
          call.idempotencyKey());
      return;
    }
    try {
      undo.run();
      LOG.warn("Partner {}: {} succeeded (Idempotency-Key {}) in a step that a concurrent change cancelled; "
          + "its effect was undone", call.partnerKey(), operation.id(), call.idempotencyKey());
    } catch (RuntimeException e) {
      LOG.error("Partner {}: {} succeeded (Idempotency-Key {}) in a step that a concurrent change cancelled, "
          + "and undoing it failed: remove it at the partner", call.partnerKey(), operation.id(),
          call.idempotencyKey(), e);
    }
  }

  @Override
  public void destroy() {
    afterRollback.shutdown();
  }
}
