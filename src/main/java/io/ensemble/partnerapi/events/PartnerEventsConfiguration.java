package io.ensemble.partnerapi.events;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class PartnerEventsConfiguration {

  /** Delivers inbox events off the committing thread (one at a time). */
  @Bean(destroyMethod = "shutdown")
  ExecutorService partnerEventDelivery() {
    return Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "partner-event-delivery");
      thread.setDaemon(true);
      return thread;
    });
  }
}
