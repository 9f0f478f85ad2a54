package io.ensemble.browser;

import static io.ensemble.support.Rest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ensemble.partnerapi.sandbox.SandboxPartnerLedger;
import io.ensemble.pilot.PilotSprintProcess;
import io.ensemble.support.Rest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;

/**
 * The end of a pilot sprint as the governance office sees it, in a real browser (demo profile, job executor on, the
 * demo partners of the month-end-close case answering from the built-in sandbox partner): the pilot ran two green
 * checkpoints; Grace reads the checkpoint history, the KPI table and the open items in the Tasklist form and
 * decides go; every partner is told. Screenshots under {@code target/journeys/pilot-sprint/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.max-wait=2000"})
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PilotSprintJourneyIT {

  static final String KEY = "month-end-close-journey";
  static final String NAME = "Month-end close in days";
  static final Duration PATIENCE = Duration.ofSeconds(90);

  @RegisterExtension
  static BrowserExtension browserExtension = new BrowserExtension("pilot-sprint");

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired SandboxPartnerLedger ledger;

  @AfterAll
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void governanceOfficeDecidesGoInTasklistFromTheCheckpointHistory() {
    pilotAtTheEndOfItsTimeBox();
    Browser browser = browserExtension.browser();
    Tasklist tasklist = new Tasklist(browser, "http://localhost:" + port);

    tasklist.logInAs("grace");
    tasklist.openFilter("Governance office tasks");
    tasklist.openTask("Decide go, extend or no-go: " + NAME).claim();
    CamundaForm form = tasklist.form();
    String shown = form.text();
    assertThat(shown).contains("End of the time box").contains("Checkpoints").contains("GREEN")
        .contains("On plan").contains("adoption").contains("No open governance items")
        .contains("2 extension(s)");
    browser.screenshot("decide-outcome-form");
    form.choose("Decision", "Go").type("Why", "Close now takes four days");
    browser.screenshot("decide-go");
    tasklist.complete();

    await().atMost(PATIENCE).untilAsserted(() -> {
      Map<String, Object> pilot = Rest.as(rest, "grace").getForObject("/api/pilots/" + KEY, Map.class);
      assertThat((Map<String, Object>) pilot.get("outcome")).containsEntry("outcome", "GO")
          .containsEntry("decidedBy", "grace").containsEntry("note", "Close now takes four days");
      for (String partner : List.of("botworks", "documind", "clearpath-consulting")) {
        assertThat(ledger.effects(partner)).filteredOn(e -> e.operation().equals("notify")).isNotEmpty();
      }
    });
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(KEY).count()).isZero();
  }

  /** Started over REST by the governance office, runbook confirmed, two weeks on the engine clock: two checkpoints. */
  private void pilotAtTheEndOfItsTimeBox() {
    assertThat(Rest.as(rest, "grace").exchange("/engine-rest/process-definition/key/pilot-sprint/start",
        HttpMethod.POST, json("""
            {"variables": {"pilotKey": {"value": "%s"}, "pilotName": {"value": "%s"},
              "lineUp": {"value": "botworks | RPA automation\\ndocumind | Document AI\\nclearpath-consulting | Process redesign"},
              "leadIntegrator": {"value": "clearpath-consulting"}, "criteria": {"value": "adoption | 100 | 1"},
              "duration": {"value": "P2W"}, "serviceDeskQueue": {"value": "FIN-CLOSE-DESK"},
              "runbookReference": {"value": "RB-FIN-001"}, "runbookSteps": {"value": "Open the shared desk"}}}
            """.formatted(KEY, NAME)), Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    Task runbook = await().atMost(PATIENCE).until(() -> taskService.createTaskQuery().processInstanceBusinessKey(KEY)
        .taskDefinitionKey(PilotSprintProcess.Activity.CONFIRM_RUNBOOK).singleResult(), task -> task != null);
    taskService.complete(runbook.getId(), Map.of(PilotSprintProcess.Var.RUNBOOK_CONFIRMED, true,
        PilotSprintProcess.Var.SERVICE_DESK_READY, true));
    ClockUtil.offset(Duration.ofDays(7).plusMinutes(1).toMillis());
    await().atMost(PATIENCE).until(() -> ((List<?>) Rest.as(rest, "grace").getForObject("/api/pilots/" + KEY,
        Map.class).get("checkpoints")).size() == 1);
    ClockUtil.offset(Duration.ofDays(14).plusMinutes(2).toMillis());
    await().atMost(PATIENCE).until(() -> taskService.createTaskQuery().processInstanceBusinessKey(KEY)
        .taskDefinitionKey(PilotSprintProcess.Activity.DECIDE_OUTCOME).count() == 1);
  }
}
