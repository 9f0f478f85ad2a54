package io.ensemble.platform;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sizes the connection pool from the threads that can hold a connection at the same time, so that no thread ever
 * waits for one (DESIGN.md §9; every code path holds at most one):
 * <ul>
 *   <li>the web server's worker threads ({@code server.tomcat.threads.max}): REST, webapps, partner callbacks;</li>
 *   <li>the job executor's threads ({@code camunda.bpm.job-execution.max-pool-size}) and its acquisition thread;</li>
 *   <li>Spring's scheduler ({@code spring.task.scheduling.pool.size}: the inbox sweep) and the partner-event
 *       delivery thread;</li>
 *   <li>the thread that settles a partner call's effect after its job rolled back
 *       ({@code partner-effects-after-rollback}: it looks the job up).</li>
 * </ul>
 * An explicit {@code spring.datasource.hikari.maximum-pool-size} is kept; one below that sum is logged as a warning.
 */
@Component
class ConnectionPoolSizing implements BeanPostProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionPoolSizing.class);
  static final String MAXIMUM_POOL_SIZE = "spring.datasource.hikari.maximum-pool-size";

  private final Environment environment;

  ConnectionPoolSizing(Environment environment) {
    this.environment = environment;
  }

  /** The threads that can hold a connection at once. */
  static int threadsHoldingConnections(Environment environment) {
    int web = environment.getProperty("server.tomcat.threads.max", Integer.class, 200);
    boolean jobs = environment.getProperty("camunda.bpm.job-execution.enabled", Boolean.class, true);
    int jobThreads = jobs ? environment.getProperty("camunda.bpm.job-execution.max-pool-size", Integer.class, 10) : 0;
    int jobAcquisition = jobs ? 1 : 0;
    int scheduler = environment.getProperty("spring.task.scheduling.pool.size", Integer.class, 1);
    int eventDelivery = 1;
    int effectsAfterRollback = 1;
    return web + jobThreads + jobAcquisition + scheduler + eventDelivery + effectsAfterRollback;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool) {
      int needed = threadsHoldingConnections(environment);
      if (environment.getProperty(MAXIMUM_POOL_SIZE) == null) {
        pool.setMaximumPoolSize(needed);
        LOG.info("Connection pool sized for {} threads that can hold a connection at once", needed);
      } else if (pool.getMaximumPoolSize() < needed) {
        LOG.warn("{}={} is below the {} threads that can hold a connection at once: they may wait for one",
            MAXIMUM_POOL_SIZE, pool.getMaximumPoolSize(), needed);
      }
    }
    return bean;
  }
}
