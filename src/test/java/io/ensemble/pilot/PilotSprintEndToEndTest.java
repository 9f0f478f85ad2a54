package io.ensemble.pilot;

import static io.ensemble.support.Rest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ensemble.partnerapi.client.PartnerApiClient;
import io.ensemble.partnerapi.client.PartnerCall;
import io.ensemble.partnerapi.sandbox.SandboxPartner;
import io.ensemble.partnerapi.sandbox.SandboxPartnerLedger;
import io.ensemble.support.EmbeddedPostgresDatabase;
import io.ensemble.support.Rest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
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
 * The article's month-end-close pilot (RPA vendor, document AI, process consultancy: the demo partners) end to end
 * on PostgreSQL 17, over HTTP only, with the job executor running against the built-in sandbox partner: started by
 * the governance office, enrolled, runbook confirmed, a milestone and a customer issue sent by the partners' own
 * signed callbacks, two GREEN weekly checkpoints, go, every partner told. The engine clock is moved a week at a
 * time (the job executor follows it); nothing else is driven by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles({"demo", "postgres"})
@DirtiesContext // closed while PostgreSQL still runs
class PilotSprintEndToEndTest {

  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final String KEY = "month-end-close";
  private static final List<String> LINE_UP = List.of("botworks", "documind", "clearpath-consulting");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired TestRestTemplate rest;
  @Autowired SandboxPartnerLedger ledger;
  @Autowired SandboxPartner sandboxPartner;
  @Autowired PartnerApiClient partnerApi;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void monthEndClosePilotRunsGreenToGoWithinItsWeeks() {
    ResponseEntity<Map> started = Rest.as(rest, "grace").exchange(
        "/engine-rest/process-definition/key/pilot-sprint/start", HttpMethod.POST, json("""
            {"businessKey": "%s", "variables": {
              "pilotKey": {"value": "%s"}, "pilotName": {"value": "Month-end close in days"},
              "lineUp": {"value": "botworks | RPA automation\\ndocumind | Document AI\\nclearpath-consulting | Process redesign"},
              "leadIntegrator": {"value": "clearpath-consulting"},
              "criteria": {"value": "[{\\"name\\": \\"adoption\\", \\"plan\\": 100, \\"weight\\": 1}]"},
              "duration": {"value": "P2W"}, "serviceDeskQueue": {"value": "FIN-CLOSE-DESK"},
              "runbookReference": {"value": "RB-FIN-001"},
              "runbookSteps": {"value": "Open the shared desk\\nAutomate the AP ledger\\nExtract invoices with AI"}}}
            """.formatted(KEY, KEY)), Map.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);

    String runbook = openTask("amira", "Confirm runbook and service desk: Month-end close in days");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat((List<Map<String, Object>>) pilot().get("lineUp"))
        .hasSize(3).allSatisfy(member -> assertThat(member.get("enrolledAt")).isNotNull()));
    assertThat(complete("amira", runbook, """
        {"runbookConfirmed": {"value": true}, "serviceDeskReady": {"value": true}}""")).isEqualTo(HttpStatus.NO_CONTENT);

    // the partners' own signed callbacks: a milestone and a customer issue during the pilot
    for (String partner : List.of("botworks", "documind")) {
      // hands the sandbox partner its webhook secret and callback URL, as onboarding does
      partnerApi.provisionSandbox(PartnerCall.of(partner, "e2e-webhook-" + partner), "ensemble-standard");
    }
    sandboxPartner.sendEvent("botworks", "pilot.milestone", Map.of("pilotId", KEY,
        "milestone", "First ledger automated", "summary", "The AP ledger closes unattended"));
    sandboxPartner.sendEvent("documind", "customer.issue", Map.of("pilotId", KEY, "issueId", "FIN-7",
        "severity", "HIGH", "summary", "Credit notes are read as invoices"));

    ClockUtil.offset(Duration.ofDays(7).plusMinutes(1).toMillis());
    await().atMost(PATIENCE).untilAsserted(() -> assertThat((List<Map<String, Object>>) pilot().get("checkpoints"))
        .singleElement().satisfies(c -> assertThat(c).containsEntry("health", "GREEN")));
    ClockUtil.offset(Duration.ofDays(14).plusMinutes(2).toMillis());

    String decide = openTask("grace", "Decide go, extend or no-go: Month-end close in days");
    Map<String, Object> form = Rest.as(rest, "grace").getForObject("/engine-rest/task/" + decide + "/form-variables",
        Map.class);
    assertThat((String) ((Map<String, Object>) form.get("checkpointHistory")).get("value"))
        .contains("| 1 |").contains("| 2 |").contains("On plan");
    assertThat((String) ((Map<String, Object>) form.get("openItems")).get("value"))
        .contains("Credit notes are read as invoices");
    assertThat(complete("grace", decide, "{\"outcome\": {\"value\": \"GO\"}, \"outcomeNote\": "
        + "{\"value\": \"Close in four days\"}}")).isEqualTo(HttpStatus.NO_CONTENT);

    await().atMost(PATIENCE).untilAsserted(() -> {
      Map<String, Object> pilot = pilot();
      assertThat((Map<String, Object>) pilot.get("outcome")).containsEntry("outcome", "GO")
          .containsEntry("decidedBy", "grace").containsEntry("finalAttainment", 100.0)
          .containsEntry("weeksFromKickoff", 2.0);
      for (String partner : LINE_UP) {
        assertThat(ledger.effects(partner)).filteredOn(e -> e.operation().equals("joinPilot")).hasSize(1);
        assertThat(ledger.effects(partner)).filteredOn(e -> e.operation().equals("notify")).isNotEmpty();
      }
    });
    Map<String, Object> pilot = pilot();
    assertThat((List<Map<String, Object>>) pilot.get("checkpoints")).extracting(c -> c.get("health"))
        .containsExactly("GREEN", "GREEN");
    assertThat((List<Map<String, Object>>) pilot.get("items")).singleElement().satisfies(item ->
        assertThat(item).containsEntry("kind", "CUSTOMER_ISSUE").containsEntry("partnerKey", "documind"));
    assertThat((List<Map<String, Object>>) pilot.get("timeline")).extracting(e -> e.get("type"))
        .contains("STARTED", "ENROLLED", "RUNBOOK_CONFIRMED", "MILESTONE", "ITEM_RAISED", "CHECKPOINT", "HEALTH",
            "DECIDED", "PARTNER_NOTIFIED", "CLOSED");
    assertThat(Rest.as(rest, "grace").getForObject("/engine-rest/process-instance?businessKey=" + KEY, List.class))
        .isEmpty();
    assertThat(Rest.as(rest, "sofia").getForEntity("/api/pilots/" + KEY, Map.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  private Map<String, Object> pilot() {
    ResponseEntity<Map> answer = Rest.as(rest, "grace").getForEntity("/api/pilots/" + KEY, Map.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    return answer.getBody();
  }

  private String openTask(String user, String name) {
    return await().atMost(PATIENCE).until(() -> {
      List<Map<String, Object>> tasks = Rest.as(rest, user).getForObject(
          "/engine-rest/task?processInstanceBusinessKey=" + KEY, List.class);
      return tasks.stream().filter(t -> name.equals(t.get("name"))).map(t -> (String) t.get("id")).findFirst()
          .orElse(null);
    }, taskId -> taskId != null);
  }

  private HttpStatus complete(String user, String taskId, String variables) {
    return HttpStatus.valueOf(Rest.as(rest, user).exchange("/engine-rest/task/" + taskId + "/complete",
        HttpMethod.POST, json("{\"variables\": " + variables + "}"), String.class).getStatusCode().value());
  }
}
