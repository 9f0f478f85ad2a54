package io.ensemble.governance.item;

import static io.ensemble.support.Rest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ensemble.partnerapi.sandbox.SandboxPartnerLedger;
import io.ensemble.support.EmbeddedPostgresDatabase;
import io.ensemble.support.Rest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One governance item end to end on PostgreSQL 17, over HTTP only, with the job executor running: raised over REST
 * about a demo partner (the sandbox partner is told over real HTTP), triaged by the governance office with a due
 * date seconds away, escalated to the CIO by its own timer, resolved by its owner and closed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles({"demo", "postgres"})
@DirtiesContext // closed while PostgreSQL still runs
class GovernanceItemEndToEndTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired TestRestTemplate rest;
  @Autowired SandboxPartnerLedger ledger;

  @Test
  void itemRaisedOverRestIsTriagedEscalatedByItsTimerResolvedAndClosed() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set("Idempotency-Key", "e2e-vat-lines");
    String body = """
        {"kind": "CUSTOMER_ISSUE", "severity": "HIGH", "title": "Invoice OCR misses VAT lines",
         "description": "Multi-rate invoices lose their VAT lines", "partnerKey": "documind",
         "pilotKey": "month-end-close-pilot"}
        """;
    ResponseEntity<Map> raised = Rest.as(rest, "sofia").exchange("/api/governance/items", HttpMethod.POST,
        new HttpEntity<>(body, headers), Map.class);
    assertThat(raised.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    long id = ((Number) raised.getBody().get("id")).longValue();
    assertThat(Rest.as(rest, "sofia").exchange("/api/governance/items", HttpMethod.POST,
        new HttpEntity<>(body, headers), Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    String triage = openTask("grace", id, "Triage customer issue: Invoice OCR misses VAT lines");
    String resolveBy = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS).toString();
    assertThat(complete("grace", triage, """
        {"kind": {"value": "CUSTOMER_ISSUE"}, "severity": {"value": "HIGH"}, "ownerGroup": {"value": "data-governance"},
         "resolveBy": {"value": "%s"}}""".formatted(resolveBy))).isEqualTo(HttpStatus.NO_CONTENT);

    // nobody resolves in time: the resolution timer escalates to the CIO
    String escalated = openTask("carlos", id, "Escalated to the CIO: resolution overdue for customer issue: "
        + "Invoice OCR misses VAT lines");
    assertThat(complete("carlos", escalated, "{\"escalationAction\": {\"value\": \"Called DocuMind's CEO\"}}"))
        .isEqualTo(HttpStatus.NO_CONTENT);
    String work = openTask("dana", id, "Resolve customer issue: Invoice OCR misses VAT lines");
    assertThat(complete("sofia", work, "{\"workOutcome\": {\"value\": \"RESOLVED\"}}"))
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(complete("dana", work, """
        {"workOutcome": {"value": "RESOLVED"}, "resolution": {"value": "Model 4.2 extracts VAT lines"}}"""))
        .isEqualTo(HttpStatus.NO_CONTENT);
    String closure = openTask("grace", id, "Confirm closure of customer issue: Invoice OCR misses VAT lines");
    assertThat(complete("grace", closure, "{\"closureDecision\": {\"value\": \"CLOSE\"}}"))
        .isEqualTo(HttpStatus.NO_CONTENT);

    await().atMost(PATIENCE).untilAsserted(() -> {
      Map<String, Object> item = Rest.as(rest, "sofia").getForObject("/api/governance/items/" + id, Map.class);
      assertThat(item).containsEntry("status", "CLOSED").containsEntry("ownerGroup", "data-governance");
      assertThat(item.get("resolutionBreachedAt")).isNotNull();
      assertThat((List<Map<String, Object>>) item.get("timeline")).extracting(e -> e.get("type")).containsSubsequence(
          "RAISED", "TRIAGED", "ASSIGNED", "ESCALATED", "ESCALATION_HANDLED", "RESOLVED", "CLOSED");
      assertThat(ledger.effects("documind")).filteredOn(effect -> effect.operation().equals("notify")).hasSize(2);
    });
    Map<String, Object> kpis = Rest.as(rest, "carlos").getForObject("/api/governance/kpis", Map.class);
    assertThat(((Number) kpis.get("cioEscalations")).longValue()).isEqualTo(1);
    assertThat(((Map<String, Object>) kpis.get("timeToResolve"))).containsEntry("count", 1);
    assertThat(Rest.as(rest, "grace").getForObject("/engine-rest/process-instance?businessKey=" + id, List.class))
        .isEmpty();
  }

  private String openTask(String user, long itemId, String name) {
    return await().atMost(PATIENCE).until(() -> {
      List<Map<String, Object>> tasks = Rest.as(rest, user).getForObject(
          "/engine-rest/task?processInstanceBusinessKey=" + itemId, List.class);
      return tasks.stream().filter(t -> name.equals(t.get("name"))).map(t -> (String) t.get("id")).findFirst()
          .orElse(null);
    }, taskId -> taskId != null);
  }

  private HttpStatus complete(String user, String taskId, String variables) {
    return HttpStatus.valueOf(Rest.as(rest, user).exchange("/engine-rest/task/" + taskId + "/complete",
        HttpMethod.POST, json("{\"variables\": " + variables + "}"), String.class).getStatusCode().value());
  }
}
