package io.ensemble.partnerapi.client;

import io.ensemble.partnerapi.PartnerApiProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpClient;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.beans.factory.ObjectProvider;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class PartnerClientConfiguration {

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

  /**
   * Failed partner jobs wait at least as long as the partner's {@code Retry-After} asked, and their rolled-back
   * partner-call log rows are written.
   */
  @Bean
  ProcessEnginePlugin retryAfterPlugin(ObjectProvider<PartnerCallRecorder> recorder) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setFailedJobCommandFactory(
            new RetryAfterFailedJobCommandFactory(() -> recorder.getObject().recordRolledBack()));
      }
    };
  }
}
