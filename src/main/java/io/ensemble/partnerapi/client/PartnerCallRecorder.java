package io.ensemble.partnerapi.client;

import io.ensemble.partnerapi.client.PartnerCallLog.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the partner-call log in a transaction of its own, so that the attempts of a failing job stay recorded
 * although the job's own transaction rolls back, and times every attempt as metric {@code ensemble.partner.calls}
 * (tags partner, operation, outcome) for Prometheus.
 */
@Component
class PartnerCallRecorder {

  private final PartnerCallLogRepository log;
  private final TransactionTemplate newTransaction;
  private final MeterRegistry meters;

  PartnerCallRecorder(PartnerCallLogRepository log, PlatformTransactionManager transactionManager,
      MeterRegistry meters) {
    this.log = log;
    this.meters = meters;
    this.newTransaction = new TransactionTemplate(transactionManager);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  void record(PartnerCall call, PartnerOperation operation, Outcome outcome, Integer httpStatus, long latencyMillis,
      String error) {
    Timer.builder("ensemble.partner.calls")
        .description("Calls to partners' APIs, every attempt")
        .tag("partner", call.partnerKey())
        .tag("operation", operation.id())
        .tag("outcome", outcome.name())
        .register(meters)
        .record(Duration.ofMillis(latencyMillis));
    newTransaction.executeWithoutResult(status -> {
      int attempt = (int) log.countByIdempotencyKeyAndOperation(call.idempotencyKey(), operation.id()) + 1;
      log.save(new PartnerCallLog(call.partnerKey(), operation.id(), call.idempotencyKey(), attempt, outcome,
          httpStatus, latencyMillis, error, Instant.now()));
    });
  }
}
