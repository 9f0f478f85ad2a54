package io.ensemble.partnerapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** A job lock shorter than the longest partner job would let a slow job run twice: the application refuses it. */
class PartnerJobLockTimeTest {

  private static PartnerApiProperties timeouts(Duration connect, Duration read) {
    return new PartnerApiProperties(connect, read, "", Duration.ofMinutes(5), Duration.ofHours(24),
        new PartnerApiProperties.CircuitBreaker(50, 5, 10, Duration.ofSeconds(30)));
  }

  private static JobExecutor jobExecutor(int lockMillis) {
    JobExecutor executor = new DefaultJobExecutor();
    executor.setLockTimeInMillis(lockMillis);
    executor.setMaxWait(5000);
    return executor;
  }

  private static void check(JobExecutor executor, PartnerApiProperties properties) {
    var beans = new StaticListableBeanFactory();
    beans.addBean("jobExecutor", executor);
    new PartnerJobLockTime(beans.getBeanProvider(JobExecutor.class), properties);
  }

  @Test
  void defaultLockOutlastsTwoPartnerCallsAtTheirTimeouts() {
    PartnerApiProperties defaults = timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

    assertThat(PartnerJobLockTime.longestPartnerJob(defaults)).isEqualTo(Duration.ofSeconds(40));
    check(jobExecutor(40_000), defaults);
  }

  @Test
  void lockShorterThanTheLongestPartnerJobRefusesToStart() {
    assertThatThrownBy(() -> check(jobExecutor(30_000), timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lock-time-in-millis is 30000 ms")
        .hasMessageContaining("40000 ms");
  }

  @Test
  void withoutAJobExecutorThereIsNothingToCheck() {
    assertThatCode(() -> new PartnerJobLockTime(new StaticListableBeanFactory().getBeanProvider(JobExecutor.class),
        timeouts(Duration.ofSeconds(5), Duration.ofMinutes(5)))).doesNotThrowAnyException();
  }
}
