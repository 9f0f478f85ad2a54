package io.ensemble.onboarding;

import static io.ensemble.support.Rest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ensemble.partnerapi.sandbox.SandboxPartnerLedger;
import io.ensemble.support.EmbeddedPostgresDatabase;
import io.ensemble.support.Rest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One onboarding end to end, as people and partners do it: on PostgreSQL 17, over HTTP only, with the job
 * executor running and the built-in sandbox partner calling back with a signed {@code sandbox.ready}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // the sweep is out of the way: only the commit of the wait may deliver the sandbox partner's early callback
    properties = {"camunda.bpm.job-execution.enabled=true", "ensemble.partner-api.inbox-sweep-interval=PT1H"})
@ActiveProfiles({"demo", "postgres"})
@DirtiesContext // closed while PostgreSQL still runs
class PartnerOnboardingEndToEndTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired TestRestTemplate rest;
  @Autowired SandboxPartnerLedger ledger;

  @Test
  void allianceManagerOnboardsAPartnerThatReviewersApproveAndTheSandboxPartnerProvisions() {
    String key = "northwind-analytics";
    String partnerApi = rest.getRootUri() + "/sandbox-partners/" + key;
    String start = """
        {"businessKey": "%s", "variables": {
          "partnerKey": {"value": "%s"},
          "partnerName": {"value": "Northwind Analytics"},
          "partnerType": {"value": "DATA_PLATFORM"},
          "capabilities": {"type": "Json", "value": "[\\"CUSTOMER_GRAPH\\", \\"CLOUD_DATA_PLATFORM\\"]"},
          "dataAccess": {"value": "AGGREGATED"},
          "jurisdiction": {"value": "US"},
          "annualContractValue": {"value": 60000, "type": "Long"},
          "certifications": {"type": "Json", "value": "[\\"SOC2\\"]"},
          "apiBaseUrl": {"value": "%s"}}}
        """.formatted(key, key, partnerApi);

    ResponseEntity<Map> started = Rest.as(rest, "amira").exchange(
        "/engine-rest/process-definition/key/partner-onboarding/start", HttpMethod.POST, json(start), Map.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(started.getBody()).containsEntry("businessKey", key);

    // MEDIUM (outside the EU, aggregated data): security, data governance and legal review in parallel
    String security = openTask("sam", key);
    String dataGovernance = openTask("dana", key);
    String legal = openTask("leo", key);
    assertThat(taskName("sam", security)).isEqualTo("Security review: Northwind Analytics");

    assertThat(complete("leo", security, "{\"reviewOutcome\": {\"value\": \"APPROVED\"}}"))
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(complete("sam", security, "{\"reviewOutcome\": {\"value\": \"APPROVED\"}}"))
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(complete("dana", dataGovernance, """
        {"reviewOutcome": {"value": "APPROVED"}, "reviewComment": {"value": "Aggregates only, EU copy agreed"}}
        """)).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(complete("leo", legal, "{\"reviewOutcome\": {\"value\": \"APPROVED\"}}"))
        .isEqualTo(HttpStatus.NO_CONTENT);

    // conformance check, sandbox request and the partner's signed sandbox.ready callback run on their own
    String agreement = openTask("dana", key);
    assertThat(taskName("dana", agreement)).isEqualTo("Sign data-sharing agreement: Northwind Analytics");
    assertThat(complete("sam", agreement, "{\"agreementSigned\": {\"value\": true}}"))
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(complete("dana", agreement,
        "{\"agreementSigned\": {\"value\": true}, \"agreementReference\": {\"value\": \"DSA-2026-0042\"}}"))
        .isEqualTo(HttpStatus.NO_CONTENT);

    await().atMost(PATIENCE).untilAsserted(() -> {
      Map<String, Object> partner = Rest.as(rest, "amira").getForObject("/api/partners/" + key, Map.class);
      assertThat(partner).containsEntry("status", "ACTIVE").containsEntry("riskTier", "MEDIUM");
      assertThat(partner.get("onboardingLeadTime")).isNotNull();
      assertThat((List<?>) partner.get("reviews")).hasSize(3);
    });
    assertThat(ledger.requests(key, "conformance")).isEqualTo(1);
    assertThat(ledger.count(key, "provisionSandbox")).isEqualTo(1);
    assertThat(ledger.count(key, "deprovisionSandbox")).isZero();
    assertThat(ledger.effects(key)).filteredOn(effect -> effect.operation().equals("notify")).hasSize(1);
    assertThat(Rest.as(rest, "amira").getForObject("/engine-rest/process-instance?businessKey=" + key, List.class)).isEmpty();
  }

  private String openTask(String user, String businessKey) {
    return await().atMost(PATIENCE).until(() -> {
      List<Map<String, Object>> tasks = Rest.as(rest, user).getForObject(
          "/engine-rest/task?processInstanceBusinessKey=" + businessKey, List.class);
      return tasks.size() == 1 ? (String) tasks.get(0).get("id") : null;
    }, id -> id != null);
  }

  private String taskName(String user, String taskId) {
    return (String) Rest.as(rest, user).getForObject("/engine-rest/task/" + taskId, Map.class).get("name");
  }

  private HttpStatus complete(String user, String taskId, String variables) {
    return HttpStatus.valueOf(Rest.as(rest, user).exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST,
        json("{\"variables\": " + variables + "}"), String.class).getStatusCode().value());
  }
}
