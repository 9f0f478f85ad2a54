package io.ensemble.partnerapi;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.boot.web.server.MimeMappings;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration
@EnableScheduling
class PartnerApiConfiguration {

  /** The published contract ({@code /partner-api/v1/openapi.yaml}) is served as YAML, not as a download. */
  @Bean
  WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> yamlMimeType() {
    return factory -> {
      MimeMappings mappings = new MimeMappings(MimeMappings.DEFAULT);
      mappings.add("yaml", "application/yaml");
      factory.setMimeMappings(mappings);
    };
  }

  /** One pooled HTTP client for all partners; per-request read timeouts. */
  @Bean
  HttpClient partnerHttpClient(PartnerApiProperties properties) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(properties.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** A circuit breaker per partner ({@code registry.circuitBreaker(partnerKey)}), all with the same settings. */
  @Bean
  CircuitBreakerRegistry partnerCircuitBreakers(PartnerApiProperties properties) {
    var settings = properties.circuitBreaker();
    return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
        .failureRateThreshold(settings.failureRateThreshold())
        .minimumNumberOfCalls(settings.minimumNumberOfCalls())
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(settings.slidingWindowSize())
        .waitDurationInOpenState(settings.waitInOpenState())
        .permittedNumberOfCallsInHalfOpenState(1)
        .build());
  }

  /** Failed partner jobs wait at least as long as the partner's {@code Retry-After} asked. */
  @Bean
  ProcessEnginePlugin retryAfterPlugin() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setFailedJobCommandFactory(new RetryAfterFailedJobCommandFactory());
      }
    };
  }

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
