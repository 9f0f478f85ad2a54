package io.ensemble.partnerapi;

import io.ensemble.partnerapi.PartnerCallLog.Outcome;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the partner-call log in a transaction of its own, so that the attempts of a failing job stay recorded
 * although the job's own transaction rolls back.
 */
@Component
class PartnerCallRecorder {

  private final PartnerCallLogRepository log;
  private final TransactionTemplate newTransaction;

  PartnerCallRecorder(PartnerCallLogRepository log, PlatformTransactionManager transactionManager) {
    this.log = log;
    this.newTransaction = new TransactionTemplate(transactionManager);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  void record(PartnerCall call, PartnerOperation operation, Outcome outcome, Integer httpStatus, long latencyMillis,
      String error) {
    newTransaction.executeWithoutResult(status -> {
      int attempt = (int) log.countByIdempotencyKeyAndOperation(call.idempotencyKey(), operation.id()) + 1;
      log.save(new PartnerCallLog(call.partnerKey(), operation.id(), call.idempotencyKey(), attempt, outcome,
          httpStatus, latencyMillis, error, Instant.now()));
    });
  }
}
