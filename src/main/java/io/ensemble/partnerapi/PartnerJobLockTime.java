package io.ensemble.partnerapi;

import java.time.Duration;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The job executor's lock time is sized from the partner call timeouts (DESIGN.md §9): a job holds its lock while it
 * runs, and a node that dies holding it delays the job until the lock expires. The longest partner job makes two
 * calls (provisioning a replacement sandbox removes the old one first), each at most connect + read timeout; the lock
 * must outlast that with room for the database work, or a slow but living node's job would run twice. A shorter lock
 * refuses to start; a much longer one delays recovery after a crash beyond a minute, which is logged.
 */
@Component
class PartnerJobLockTime {

  private static final Logger LOG = LoggerFactory.getLogger(PartnerJobLockTime.class);
  /** Partner calls one job may make one after the other. */
  static final int CALLS_PER_JOB = 2;
  /** Room for the job's own database work around its partner calls. */
  static final Duration MARGIN = Duration.ofSeconds(10);
  /** A dead node's jobs must run again within this (job lock + the other nodes' longest acquisition pause). */
  static final Duration RECOVERY_TARGET = Duration.ofMinutes(1);

  PartnerJobLockTime(ObjectProvider<JobExecutor> jobExecutor, PartnerApiProperties properties) {
    jobExecutor.ifAvailable(executor -> check(executor, properties));
  }

  static Duration longestPartnerJob(PartnerApiProperties properties) {
    return properties.connectTimeout().plus(properties.readTimeout()).multipliedBy(CALLS_PER_JOB).plus(MARGIN);
  }

  private static void check(JobExecutor executor, PartnerApiProperties properties) {
    Duration lock = Duration.ofMillis(executor.getLockTimeInMillis());
    Duration needed = longestPartnerJob(properties);
    if (lock.compareTo(needed) < 0) {
      throw new IllegalStateException("camunda.bpm.job-execution.lock-time-in-millis is " + lock.toMillis()
          + " ms, shorter than the longest partner job (" + CALLS_PER_JOB + " × (connect-timeout "
          + properties.connectTimeout() + " + read-timeout " + properties.readTimeout() + ") + " + MARGIN
          + " = " + needed.toMillis() + " ms): a slow job would run twice");
    }
    Duration recovery = lock.plusMillis(executor.getMaxWait());
    if (recovery.compareTo(RECOVERY_TARGET) > 0) {
      LOG.warn("Jobs of a node that dies run again only after {} s (lock time + max-wait), more than {} s",
          recovery.toSeconds(), RECOVERY_TARGET.toSeconds());
    }
  }
}
