package io.ensemble.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The pool holds a connection for every thread that can hold one at the same time. */
class ConnectionPoolSizingTest {

  @Test
  void webWorkersJobThreadsAcquisitionSchedulerEventDeliveryAndEffectsAfterRollbackEachCount() {
    MockEnvironment environment = new MockEnvironment()
        .withProperty("server.tomcat.threads.max", "32")
        .withProperty("camunda.bpm.job-execution.max-pool-size", "10");

    assertThat(ConnectionPoolSizing.threadsHoldingConnections(environment)).isEqualTo(32 + 10 + 1 + 1 + 1 + 1);
  }

  @Test
  void withoutAJobExecutorItsThreadsDoNotCount() {
    MockEnvironment environment = new MockEnvironment()
        .withProperty("server.tomcat.threads.max", "32")
        .withProperty("camunda.bpm.job-execution.enabled", "false")
        .withProperty("spring.task.scheduling.pool.size", "2");

    assertThat(ConnectionPoolSizing.threadsHoldingConnections(environment)).isEqualTo(32 + 2 + 1 + 1);
  }

  @Test
  void thePoolIsSizedUnlessItsSizeIsSetExplicitly() {
    MockEnvironment environment = new MockEnvironment().withProperty("server.tomcat.threads.max", "8");
    try (HikariDataSource sized = new HikariDataSource(); HikariDataSource explicit = new HikariDataSource()) {
      new ConnectionPoolSizing(environment).postProcessAfterInitialization(sized, "dataSource");
      assertThat(sized.getMaximumPoolSize()).isEqualTo(8 + 10 + 1 + 1 + 1 + 1);

      explicit.setMaximumPoolSize(3);
      environment.setProperty(ConnectionPoolSizing.MAXIMUM_POOL_SIZE, "3");
      new ConnectionPoolSizing(environment).postProcessAfterInitialization(explicit, "dataSource");
      assertThat(explicit.getMaximumPoolSize()).isEqualTo(3);
    }
  }
}
