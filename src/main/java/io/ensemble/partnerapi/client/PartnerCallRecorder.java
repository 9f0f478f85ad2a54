package io.ensemble.partnerapi.client;

import io.ensemble.partnerapi.client.PartnerCallLog.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The partner-call log: a row for every attempt, written before the call ({@link Outcome#STARTED}) and given its
 * outcome after it, and every attempt timed as metric {@code ensemble.partner.calls} (tags partner, operation,
 * outcome) for Prometheus.
 *
 * <p>One connection per thread of work (DESIGN.md §9): the rows are written in the caller's transaction (a job's,
 * or a short one of their own when there is none), never in a second one beside it. A job that fails rolls its
 * rows back with it; they are kept in memory and written again by the next transaction that records, first of all
 * by the failed-job command the engine runs right after the rollback ({@link #recordRolledBack()}, see
 * {@link RetryAfterFailedJobCommandFactory}), which sees the rollback and then holds the connection alone. An
 * attempt that never got an outcome (the thread died mid-call) stays {@code STARTED}. Only a whole node killed
 * mid-call loses the uncommitted row of that attempt; its retry is logged as a new one.
 */
@Component
public class PartnerCallRecorder {

  private final PartnerCallLogRepository log;
  private final MeterRegistry meters;
  private final Clock clock = Clock.systemUTC();
  /** Rows whose transaction rolled back, waiting for the next transaction that records. */
  private final Queue<PartnerCallLog> rolledBack = new ConcurrentLinkedQueue<>();
  /** The attempt this thread is making, between {@link #started} and its outcome. */
  private final ThreadLocal<PartnerCallLog> current = new ThreadLocal<>();

  PartnerCallRecorder(PartnerCallLogRepository log, MeterRegistry meters) {
    this.log = log;
    this.meters = meters;
  }

  /** An attempt begins: its row is written (and flushed, in a transaction) before the partner is called. */
  void started(PartnerCall call, PartnerOperation operation) {
    recordRolledBack();
    int attempt = (int) (log.countByIdempotencyKeyAndOperation(call.idempotencyKey(), operation.id())
        + rolledBack.stream().filter(row -> row.isAttemptOf(call.idempotencyKey(), operation.id())).count()) + 1;
    PartnerCallLog row = new PartnerCallLog(call.partnerKey(), operation.id(), call.idempotencyKey(), attempt,
        Outcome.STARTED, null, 0, null, clock.instant());
    current.set(write(row));
  }

  /**
   * The outcome of the attempt this thread {@linkplain #started started} for this call and operation, or, when
   * there was none (e.g. an open circuit: nothing was sent), an attempt recorded with its outcome at once.
   */
  void record(PartnerCall call, PartnerOperation operation, Outcome outcome, Integer httpStatus, long latencyMillis,
      String error) {
    Timer.builder("ensemble.partner.calls")
        .description("Calls to partners' APIs, every attempt")
        .tag("partner", call.partnerKey())
        .tag("operation", operation.id())
        .tag("outcome", outcome.name())
        .register(meters)
        .record(Duration.ofMillis(latencyMillis));
    PartnerCallLog row = current.get();
    current.remove();
    if (row == null || !row.isAttemptOf(call.idempotencyKey(), operation.id()) || row.getOutcome() != Outcome.STARTED) {
      started(call, operation);
      row = current.get();
      current.remove();
    }
    row.finish(outcome, httpStatus, latencyMillis, error);
    write(row);
  }

  /** Writes the rows that rolled back with their transaction; called by the failed-job command and by every record. */
  public void recordRolledBack() {
    List<PartnerCallLog> rows = new ArrayList<>();
    for (PartnerCallLog row = rolledBack.poll(); row != null; row = rolledBack.poll()) {
      rows.add(row);
    }
    rows.forEach(this::write);
  }

  /**
   * In the caller's transaction: flushed now, and kept in memory should that transaction roll back. Without one:
   * committed at once by the repository's own short transaction (no other connection is held by this thread then).
   */
  private PartnerCallLog write(PartnerCallLog row) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()
        || !TransactionSynchronizationManager.isSynchronizationActive()) {
      return log.save(row);
    }
    boolean firstWriteInThisTransaction = row.getId() == null;
    PartnerCallLog written = log.saveAndFlush(row);
    if (firstWriteInThisTransaction) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          if (status != STATUS_COMMITTED) {
            // the row as it was last written: STARTED, or with its outcome
            rolledBack.add(written.unsaved());
          }
        }
      });
    }
    return written;
  }
}
