package io.ensemble.partnerapi.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.mock.env.MockEnvironment;

/**
 * The sandbox partner keeps the contract's callback promise: an event Ensemble does not acknowledge is sent again,
 * same eventId, with back-off, for a bounded time; and the sandbox's state can be read whether or not a callback went.
 */
class SandboxPartnerCallbacksTest {

  private final WireMockServer ensemble = new WireMockServer(options().dynamicPort());
  private SandboxPartner partner;

  @BeforeEach
  void start() {
    ensemble.start();
    partner = partner(Duration.ofMinutes(10));
  }

  @AfterEach
  void stop() {
    partner.destroy();
    ensemble.stop();
  }

  private SandboxPartner partner(Duration retryFor) {
    MockEnvironment environment = new MockEnvironment()
        .withProperty("ensemble.sandbox-partner.callback-retry-for", retryFor.toString());
    environment.setConversionService(new ApplicationConversionService());
    SandboxPartner sandbox = new SandboxPartner(new ObjectMapper(), environment);
    sandbox.webhook("acme", ensemble.baseUrl() + "/api/partner-events", "whsec-test");
    return sandbox;
  }

  @Test
  void unacknowledgedCallbackIsSentAgainWithTheSameEventIdUntilAcknowledged() {
    ensemble.stubFor(post("/api/partner-events").inScenario("down").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("still down"));
    ensemble.stubFor(post("/api/partner-events").inScenario("down").whenScenarioStateIs("still down")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
    ensemble.stubFor(post("/api/partner-events").inScenario("down").whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(202)));

    assertThat(partner.sendEvent("acme", "sandbox.ready", Map.of("sandboxId", "sbx-1"))).isFalse();

    await().atMost(Duration.ofSeconds(15)).until(() -> posts().size() == 3);
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() -> posts().size() == 3);
    assertThat(posts()).extracting(body -> body.split("\"eventId\":\"")[1].split("\"")[0]).containsOnly(
        posts().get(0).split("\"eventId\":\"")[1].split("\"")[0]);
  }

  @Test
  void partnerGivesUpAfterTheRetryPeriod() {
    partner.destroy();
    partner = partner(Duration.ofSeconds(4));
    ensemble.stubFor(post("/api/partner-events").willReturn(aResponse().withStatus(503)));

    partner.sendEvent("acme", "sandbox.ready", Map.of("sandboxId", "sbx-2"));

    // attempts at 0 s, 1 s and 3 s; the next one (7 s) would be outside the 4 s period
    await().atMost(Duration.ofSeconds(10)).until(() -> posts().size() == 3);
    await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).until(() -> posts().size() == 3);
  }

  @Test
  void refusedEventIsNotSentAgain() {
    ensemble.stubFor(post("/api/partner-events").willReturn(aResponse().withStatus(400)));

    assertThat(partner.sendEvent("acme", "sandbox.ready", Map.of("sandboxId", "sbx-3"))).isFalse();

    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> posts().size() == 1);
  }

  @Test
  void sandboxStateTellsTheOutcomeAlsoWhenTheCallbackIsLost() {
    ensemble.stubFor(post("/api/partner-events").willReturn(aResponse().withStatus(202)));
    partner.changeBehaviour("acme", Map.of("callbackDelayMillis", 0, "callbackLossRate", 1.0));
    String ready = partner.newSandbox("acme");
    assertThat(partner.sandboxState("acme", ready)).get().extracting(SandboxPartner.SandboxState::state)
        .isEqualTo("PROVISIONING");

    partner.reportSandbox("acme", ready, "ensemble-standard");

    assertThat(partner.sandboxState("acme", ready)).get().extracting(SandboxPartner.SandboxState::state)
        .isEqualTo("READY");
    partner.changeBehaviour("acme", Map.of("sandboxOutcome", "FAILED"));
    String failed = partner.newSandbox("acme");
    partner.reportSandbox("acme", failed, "ensemble-standard");
    assertThat(partner.sandboxState("acme", failed)).get().satisfies(state -> {
      assertThat(state.state()).isEqualTo("FAILED");
      assertThat(state.reason()).contains("ensemble-standard");
    });
    assertThat(partner.sandboxState("other-partner", ready)).isEmpty();
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> posts().isEmpty());
  }

  private List<String> posts() {
    return ensemble.findAll(postRequestedFor(urlEqualTo("/api/partner-events"))).stream()
        .map(request -> request.getBodyAsString()).toList();
  }
}
