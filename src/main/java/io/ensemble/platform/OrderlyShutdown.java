package io.ensemble.platform;

import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Shutdown in the order that loses nothing (SIGTERM, or any close of the application context):
 * <ol>
 *   <li>the job executor stops acquiring jobs, first of all ({@link ContextClosedEvent}, before the job threads'
 *       pool stops taking work and would leave acquired jobs locked); acquired jobs that have not started are
 *       unlocked by the engine, so another node takes them at once;</li>
 *   <li>running jobs finish, for at most {@code ensemble.shutdown.running-jobs-grace}, while the web server still
 *       takes partner callbacks and task completions (this lifecycle stops in the first phase, before Spring Boot's
 *       graceful web server shutdown);</li>
 *   <li>then the web server drains and stops, then the engine and the database close (bean destruction).</li>
 * </ol>
 * A job still running after the grace keeps its lock and runs again elsewhere once the lock expires.
 */
@Component
class OrderlyShutdown implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(OrderlyShutdown.class);

  private final ObjectProvider<JobExecutor> jobExecutor;
  private final ObjectProvider<TaskExecutor> jobThreads;
  private final Duration runningJobsGrace;
  private volatile boolean running;

  OrderlyShutdown(ObjectProvider<JobExecutor> jobExecutor,
      @Qualifier("camundaTaskExecutor") ObjectProvider<TaskExecutor> jobThreads,
      @Value("${ensemble.shutdown.running-jobs-grace:PT20S}") Duration runningJobsGrace) {
    this.jobExecutor = jobExecutor;
    this.jobThreads = jobThreads;
    this.runningJobsGrace = runningJobsGrace;
  }

  @EventListener(ContextClosedEvent.class)
  @Order(Ordered.HIGHEST_PRECEDENCE)
  void stopAcquiringJobs() {
    jobExecutor.ifAvailable(executor -> {
      if (executor.isActive()) {
        executor.shutdown();
        LOG.info("Shutdown: the job executor acquires no more jobs");
      }
    });
  }

  @Override
  public void stop() {
    stopAcquiringJobs();
    jobThreads.ifAvailable(threads -> {
      if (threads instanceof ThreadPoolTaskExecutor pool && pool.getThreadPoolExecutor() != null) {
        awaitRunningJobs(pool.getThreadPoolExecutor());
      }
    });
    running = false;
  }

  private void awaitRunningJobs(ThreadPoolExecutor pool) {
    int active = pool.getActiveCount();
    pool.shutdown();
    try {
      if (pool.awaitTermination(runningJobsGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.info("Shutdown: {} running job thread(s) finished; the web server and the database stop next", active);
      } else {
        LOG.warn("Shutdown: {} job thread(s) still running after {}; their jobs run again when their locks expire",
            pool.getActiveCount(), runningJobsGrace);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops first: before the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}) and its stop. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
