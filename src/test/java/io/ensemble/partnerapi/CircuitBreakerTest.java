package io.ensemble.partnerapi;

import io.ensemble.partnerapi.client.PartnerApiClient;
import io.ensemble.partnerapi.client.PartnerApiErrors;
import io.ensemble.partnerapi.client.PartnerCall;
import io.ensemble.partnerapi.client.PartnerCallException;
import io.ensemble.partnerapi.client.PartnerCallLog;
import io.ensemble.partnerapi.client.PartnerCallLogRepository;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.ensemble.partnerapi.PartnerApiTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ensemble.partner.PartnerRepository;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A dead partner is cut off by its circuit breaker (no request leaves), and reconnected once it recovers. */
@PartnerApiTest
class CircuitBreakerTest {

  @Autowired PartnerApiClient client;
  @Autowired PartnerRepository partners;
  @Autowired CircuitBreakerRegistry circuitBreakers;
  @Autowired PartnerCallLogRepository callLog;

  @Test
  void deadPartnerIsCutOffThenReconnectedAfterRecovery() {
    // a key of its own per run: the WireMock server and the breakers outlive a test
    String partnerKey = "dead-partner-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    wireMockPartner(partners, partnerKey);
    String url = "/" + partnerKey + "/v1/notifications";
    wireMock().stubFor(post(urlEqualTo(url)).willReturn(aResponse().withStatus(503)));

    for (int i = 1; i <= 4; i++) {
      PartnerCall call = PartnerCall.of(partnerKey, "cb-" + i);
      assertThatThrownBy(() -> client.notify(call, "APPROVED", "Welcome"))
          .isInstanceOf(PartnerCallException.class).hasMessageContaining("HTTP status 503");
    }
    CircuitBreaker breaker = circuitBreakers.circuitBreaker(partnerKey);
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

    assertThatThrownBy(() -> client.notify(PartnerCall.of(partnerKey, "cb-5"), "APPROVED", "Welcome"))
        .isInstanceOf(PartnerCallException.class)
        .hasMessageContaining("circuit breaker open")
        .satisfies(e -> assertThat(((PartnerCallException) e).retryAfter()).isPresent());
    wireMock().verify(4, postRequestedFor(urlEqualTo(url)));
    assertThat(callLog.findByIdempotencyKeyOrderByIdAsc("cb-5")).extracting(PartnerCallLog::getOutcome)
        .containsExactly(PartnerCallLog.Outcome.CIRCUIT_OPEN);

    wireMock().stubFor(post(urlEqualTo(url)).willReturn(aResponse().withStatus(204)));
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .untilAsserted(() -> client.notify(PartnerCall.of(partnerKey, "cb-6"), "APPROVED", "Welcome"));

    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    wireMock().verify(5, postRequestedFor(urlEqualTo(url)));
  }

  @Test
  void businessRejectionsDoNotOpenTheBreaker() {
    String partnerKey = "strict-partner";
    wireMockPartner(partners, partnerKey);
    wireMock().stubFor(post(urlEqualTo("/" + partnerKey + "/v1/notifications"))
        .willReturn(aResponse().withStatus(409)));

    for (int i = 1; i <= 6; i++) {
      PartnerCall call = PartnerCall.of(partnerKey, "strict-" + i);
      assertThatThrownBy(() -> client.notify(call, "APPROVED", "Welcome"))
          .isInstanceOf(org.camunda.bpm.engine.delegate.BpmnError.class)
          .extracting("errorCode").isEqualTo(PartnerApiErrors.PARTNER_REJECTED);
    }

    assertThat(circuitBreakers.circuitBreaker(partnerKey).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }
}
