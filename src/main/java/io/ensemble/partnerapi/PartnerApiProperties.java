package io.ensemble.partnerapi;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Partner API client and callbacks ({@code ensemble.partner-api.*}).
 *
 * @param connectTimeout   TCP connect timeout of every partner call
 * @param readTimeout      time allowed for the partner's complete answer
 * @param callbackUrl      where partners send events; empty = {@code http://localhost:<port>/api/partner-events}
 * @param signatureMaxAge  callbacks signed longer ago than this are refused (replay)
 * @param secretRotationGrace how long the previous webhook secret stays valid after a rotation
 * @param circuitBreaker   per-partner circuit breaker
 */
@ConfigurationProperties("ensemble.partner-api")
public record PartnerApiProperties(
    @DefaultValue("PT5S") Duration connectTimeout,
    @DefaultValue("PT10S") Duration readTimeout,
    @DefaultValue("") String callbackUrl,
    @DefaultValue("PT5M") Duration signatureMaxAge,
    @DefaultValue("PT24H") Duration secretRotationGrace,
    @DefaultValue CircuitBreaker circuitBreaker) {

  /**
   * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
   * @param minimumNumberOfCalls calls needed before the rate is judged
   * @param slidingWindowSize    calls in the window
   * @param waitInOpenState      how long an open breaker fails fast before letting a trial call through
   */
  public record CircuitBreaker(
      @DefaultValue("50") float failureRateThreshold,
      @DefaultValue("5") int minimumNumberOfCalls,
      @DefaultValue("10") int slidingWindowSize,
      @DefaultValue("PT30S") Duration waitInOpenState) {}
}
