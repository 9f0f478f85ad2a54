package io.ensemble.pilot;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.ensemble.pilot.PilotSprintProcess.Activity.*;
import static io.ensemble.support.Rest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ensemble.governance.DecisionRecordRepository;
import io.ensemble.governance.item.GovernanceItem;
import io.ensemble.governance.item.GovernanceItemRepository;
import io.ensemble.governance.item.ItemKind;
import io.ensemble.governance.item.ItemSeverity;
import io.ensemble.partnerapi.events.WebhookSecrets;
import io.ensemble.pilot.PilotSprintProcess.Var;
import io.ensemble.platform.InvalidInputException;
import io.ensemble.support.PartnerEvents;
import io.ensemble.support.Rest;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Every path of {@code pilot-sprint} against real HTTP partners, with the engine clock moved for checkpoints and
 * retries. Its own context measures process coverage (the build fails below 100 % of flow nodes and flows).
 */
@Import({ProcessEngineCoverageConfiguration.class, PilotTestConfiguration.class})
class PilotSprintProcessTest extends PilotTestSupport {

  @Autowired PilotStore store;
  @Autowired GovernanceItemRepository items;
  @Autowired DecisionRecordRepository decisionRecords;
  @Autowired WebhookSecrets secrets;
  @Autowired CircuitBreakerRegistry circuitBreakers;

  // ---- green to go ----

  @Test
  void greenPilotRunsItsCheckpointsAndGoesWithEveryPartnerTold() {
    String rpa = newPartner("rpa");
    String docAi = newPartner("docai");
    reports(rpa, 100, 0, 0);
    reports(docAi, 95, 0, 0);
    String key = newPilotKey("green");

    ProcessInstance instance = start(plan(key, "P2W", rpa, docAi));

    assertThat(instance.getBusinessKey()).isEqualTo(key);
    assertThat(runtimeService.getVariables(instance.getId())).containsOnlyKeys(Var.PILOT_KEY);
    assertThat(instance).isWaitingAt(ENROL_PARTNER);
    runDueJobs(instance);
    List<LoggedRequest> joins = PARTNER.findAll(postRequestedFor(urlPathMatching("/partners/.+/v1/pilots")));
    assertThat(joins).hasSize(2);
    assertThat(joins).extracting(r -> r.getHeader("Idempotency-Key")).doesNotHaveDuplicates().allMatch(k ->
        k.startsWith(instance.getId() + ":"));
    PARTNER.verify(postRequestedFor(urlEqualTo("/partners/" + rpa + "/v1/pilots"))
        .withRequestBody(matchingJsonPath("$.pilotId", equalTo(key)))
        .withRequestBody(matchingJsonPath("$.serviceDeskQueue", equalTo("DESK-" + key)))
        .withRequestBody(matchingJsonPath("$.leadIntegrator", equalTo(rpa)))
        .withRequestBody(matchingJsonPath("$.successCriteria[0]", equalTo("adoption: plan 100, weight 1"))));

    Task runbook = task(instance, CONFIRM_RUNBOOK);
    assertThat(runbook).hasCandidateGroup("alliance-managers");
    assertThat(runbook.getName()).isEqualTo("Confirm runbook and service desk: Pilot " + key);
    assertThat((String) taskService.getVariableLocal(runbook.getId(), Var.RUNBOOK)).contains("1. Open the desk");
    assertThatThrownBy(() -> complete(runbook, "amira", "alliance-managers", Var.RUNBOOK_CONFIRMED, true,
        Var.SERVICE_DESK_READY, false)).hasRootCauseInstanceOf(InvalidInputException.class)
        .rootCause().hasMessageContaining("serviceDeskReady");
    complete(runbook, "amira", "alliance-managers", Var.RUNBOOK_CONFIRMED, true, Var.SERVICE_DESK_READY, true);

    nextCheckpoint(instance);
    assertThat(instance).isWaitingAt(CHECKPOINT_DUE);
    nextCheckpoint(instance);

    Task decide = task(instance, DECIDE_OUTCOME);
    assertThat(decide).hasCandidateGroup("governance-office");
    assertThat((String) taskService.getVariableLocal(decide.getId(), Var.CHECKPOINT_HISTORY))
        .contains("| 1 |").contains("| 2 |").contains("GREEN");
    assertThat((String) taskService.getVariableLocal(decide.getId(), Var.KPI_TABLE)).contains("| adoption | 100 | 97.5 |");
    assertThat(store.checkpoints(key)).extracting(PilotStore.Checkpoint::health).containsExactly("GREEN", "GREEN");
    assertThat(store.checkpoints(key).get(1).dueAt())
        .isEqualTo(store.pilot(key).orElseThrow().startedAt().plus(Duration.ofDays(14)));
    assertThat(decisionRecords.findAll()).anyMatch(r -> key.equals(r.getSubjectKey())
        && "pilot-health".equals(r.getDecisionKey()) && r.getOutputsJson().contains("GREEN"));

    complete(decide, "grace", "governance-office", Var.OUTCOME, "GO");
    runDueJobs(instance);

    assertThat(instance).isEnded().hasPassedInOrder(PILOT_PROPOSED, ENROL_PARTNER, CONFIRM_RUNBOOK, CHECKPOINT_DUE,
            FETCH_PARTNER_METRICS, AGGREGATE_METRICS, DECIDE_HEALTH, DECIDE_OUTCOME, RECORD_OUTCOME,
            NOTIFY_PARTNER_OF_OUTCOME, PILOT_DECIDED)
        .hasNotPassed(REVIEW_PILOT_AT_RISK, RAISE_ESCALATION, EXTEND_TIME_BOX, METRICS_OVERDUE);
    for (String partner : List.of(rpa, docAi)) {
      PARTNER.verify(1, postRequestedFor(urlEqualTo("/partners/" + partner + "/v1/notifications"))
          .withRequestBody(matchingJsonPath("$.type", equalTo("GO"))));
    }
    PilotStore.Pilot pilot = store.pilot(key).orElseThrow();
    assertThat(pilot.outcome()).isEqualTo("GO");
    assertThat(pilot.status()).isEqualTo("GO");
    assertThat(pilot.decidedBy()).isEqualTo("grace");
    assertThat(pilot.finalAttainment()).isEqualTo(97.5);
    assertThat(pilot.weeksToDecision()).isEqualTo(2.0);
  }

  // ---- amber, red ----

  @Test
  void amberCheckpointGoesToTheGovernanceOfficeWhoRecordsACorrectiveAction() {
    String partner = newPartner("amber");
    reports(partner, 80, 0, 0);
    String key = newPilotKey("amber");
    ProcessInstance instance = start(plan(key, "P1W", partner));
    kickOff(instance);

    nextCheckpoint(instance);

    Task review = task(instance, REVIEW_PILOT_AT_RISK);
    assertThat(review).hasCandidateGroup("governance-office");
    assertThat(review.getName()).isEqualTo("Pilot at risk: Pilot " + key
        + " – KPI attainment between 70 and 90 % of plan");
    assertThat((String) taskService.getVariableLocal(review.getId(), Var.CHECKPOINT_FIGURES))
        .contains("**80.0 %**");
    assertThatThrownBy(() -> complete(review, "grace", "governance-office", Var.REVIEW_DECISION,
        "CORRECTIVE_ACTION", Var.CORRECTIVE_ACTION, "Second RPA bot")).hasRootCauseInstanceOf(InvalidInputException.class)
        .rootCause().hasMessageContaining(Var.ACTION_OWNER);
    complete(review, "grace", "governance-office", Var.REVIEW_DECISION, "CORRECTIVE_ACTION",
        Var.CORRECTIVE_ACTION, "Second RPA bot for the AP ledger", Var.ACTION_OWNER, "Botworks delivery lead",
        Var.ACTION_DUE, "2026-12-20");

    assertThat(instance).isWaitingAt(DECIDE_OUTCOME).hasPassed(REVIEW_PILOT_AT_RISK).hasNotPassed(RAISE_ESCALATION);
    assertThat(store.timeline(key)).anyMatch(e -> e.type().equals("REVIEWED") && e.actor().equals("grace")
        && e.note().contains("Second RPA bot for the AP ledger") && e.note().contains("due 2026-12-20"));
    assertThat(store.checkpoints(key).get(0).reason()).isEqualTo("KPI attainment between 70 and 90 % of plan");
  }

  @Test
  void redCheckpointRaisesAHighEscalationAndTellsTheCioWithoutHoldingThePilot() {
    String partner = newPartner("red");
    reports(partner, 50, 0, 0);
    String key = newPilotKey("red");
    ProcessInstance instance = start(plan(key, "P1W", partner));
    kickOff(instance);

    nextCheckpoint(instance);

    GovernanceItem item = items.findAll().stream().filter(i -> key.equals(i.getPilotKey())).findFirst().orElseThrow();
    assertThat(item.getKind()).isEqualTo(ItemKind.ESCALATION);
    assertThat(item.getSeverity()).isEqualTo(ItemSeverity.HIGH);
    assertThat(item.getTitle()).isEqualTo("Pilot Pilot " + key + " is RED: KPI attainment below 70 % of plan");
    assertThat(item.getDescription()).contains("weighted KPI attainment 50.0 % of plan");
    assertThat(item.getSourceProcessInstanceId()).isEqualTo(instance.getId());
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("governance-item")
        .processInstanceBusinessKey(item.getBusinessKey()).count()).isEqualTo(1);
    Task notice = task(instance, NOTE_RED_PILOT);
    assertThat(notice).hasCandidateGroup("cio");
    // the CIO is told; the pilot does not wait for the CIO
    assertThat(instance).isWaitingAt(NOTE_RED_PILOT, DECIDE_OUTCOME);

    complete(notice, "carlos", "cio", Var.CIO_NOTE, "Call me before any extension");

    assertThat(instance).hasPassed(RAISE_ESCALATION, CIO_INFORMED).isWaitingAt(DECIDE_OUTCOME);
    assertThat(store.timeline(key)).extracting(PilotStore.Entry::type).contains("ESCALATED", "CIO_NOTED");
  }

  // ---- extend, no-go ----

  @Test
  void extendedPilotGetsOneMoreCheckpointThenGoes() {
    String partner = newPartner("extend");
    reports(partner, 100, 0, 0);
    String key = newPilotKey("extend");
    ProcessInstance instance = start(plan(key, "P1W", partner));
    kickOff(instance);
    nextCheckpoint(instance);
    Instant firstEnd = store.pilot(key).orElseThrow().endsAt();

    assertThatThrownBy(() -> complete(task(instance, DECIDE_OUTCOME), "grace", "governance-office",
        Var.OUTCOME, "EXTEND")).hasRootCauseInstanceOf(InvalidInputException.class).rootCause()
        .hasMessageContaining(Var.OUTCOME_NOTE);
    complete(task(instance, DECIDE_OUTCOME), "grace", "governance-office", Var.OUTCOME, "EXTEND",
        Var.OUTCOME_NOTE, "Wait for the quarter close");

    assertThat(instance).hasPassed(EXTEND_TIME_BOX).isWaitingAt(CHECKPOINT_DUE);
    assertThat(store.pilot(key).orElseThrow().endsAt()).isEqualTo(firstEnd.plus(Duration.ofDays(7)));
    nextCheckpoint(instance);
    Task decide = task(instance, DECIDE_OUTCOME);
    assertThat((String) taskService.getVariableLocal(decide.getId(), Var.EXTENSIONS_LEFT)).startsWith("1 extension");
    complete(decide, "grace", "governance-office", Var.OUTCOME, "EXTEND", Var.OUTCOME_NOTE, "One more week");
    nextCheckpoint(instance);

    // the configured limit (2) is reached: only go or no-go remain
    assertThatThrownBy(() -> complete(task(instance, DECIDE_OUTCOME), "grace", "governance-office", Var.OUTCOME,
        "EXTEND", Var.OUTCOME_NOTE, "Again")).hasRootCauseInstanceOf(InvalidInputException.class)
        .rootCause().hasMessageContaining("extended 2 times");
    complete(task(instance, DECIDE_OUTCOME), "grace", "governance-office", Var.OUTCOME, "GO");
    runDueJobs(instance);

    assertThat(instance).isEnded();
    assertThat(store.checkpoints(key)).hasSize(3);
    assertThat(store.pilot(key).orElseThrow().weeksToDecision()).isEqualTo(3.0);
  }

  @Test
  void noGoIsToldToEveryPartnerAndARefusalIsRecorded() {
    String accepting = newPartner("nogo");
    String refusing = newPartner("nogo-refusing");
    reports(accepting, 60, 0, 0);
    reports(refusing, 60, 0, 0);
    PARTNER.stubFor(post(urlEqualTo("/partners/" + refusing + "/v1/notifications")).atPriority(1)
        .willReturn(aResponse().withStatus(422).withBody("{\"detail\": \"pilot closed on our side\"}")));
    String key = newPilotKey("nogo");
    ProcessInstance instance = start(plan(key, "P1W", accepting, refusing));
    kickOff(instance);
    nextCheckpoint(instance);

    complete(task(instance, DECIDE_OUTCOME), "grace", "governance-office", Var.OUTCOME, "NO_GO",
        Var.OUTCOME_NOTE, "Close days did not move");
    runDueJobs(instance);

    assertThat(instance).isEnded().hasPassed(RECORD_OUTCOME, PILOT_DECIDED);
    PARTNER.verify(postRequestedFor(urlEqualTo("/partners/" + accepting + "/v1/notifications"))
        .withRequestBody(matchingJsonPath("$.type", equalTo("NO_GO"))));
    assertThat(store.pilot(key).orElseThrow().outcome()).isEqualTo("NO_GO");
    assertThat(store.timeline(key)).anyMatch(e -> e.type().equals("NOTIFICATION_REFUSED")
        && e.note().contains(refusing) && e.note().contains("pilot closed on our side"));
  }

  // ---- partners' metrics failing ----

  @Test
  void partnerWhoseMetricsFailOnceIsRetriedAndTheCheckpointIsRatedWithIt() {
    String steady = newPartner("steady");
    String flaky = newPartner("flaky");
    reports(steady, 100, 0, 0);
    PARTNER.stubFor(get(urlPathMatching("/partners/" + flaky + "/v1/pilots/.+/metrics")).atPriority(1)
        .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up")
        .willReturn(aResponse().withStatus(503)));
    PARTNER.stubFor(get(urlPathMatching("/partners/" + flaky + "/v1/pilots/.+/metrics")).atPriority(1)
        .inScenario("flaky").whenScenarioStateIs("up")
        .willReturn(okJson("{\"kpis\": [{\"name\": \"adoption\", \"plan\": 100, \"actual\": 90}], "
            + "\"openCriticalIssues\": 0, \"slaBreaches\": 0}")));
    String key = newPilotKey("flaky");
    ProcessInstance instance = start(plan(key, "P1W", steady, flaky));
    kickOff(instance);

    nextCheckpoint(instance);
    assertThat(store.metrics(key)).extracting(PilotStore.Metrics::partnerKey).containsExactly(steady);
    assertThat(instance).isWaitingAt(FETCH_PARTNER_METRICS);
    advanceToNextJob(instance); // the retry, minutes later

    assertThat(instance).isWaitingAt(DECIDE_OUTCOME).hasNotPassed(METRICS_OVERDUE);
    assertThat(store.checkpoints(key).get(0).attainment()).isEqualTo(95.0);
    assertThat(store.checkpoints(key).get(0).missingPartners()).isNull();
  }

  @Test
  void partnerThatStopsAnsweringEndsAsAnIncidentWhileTheCheckpointIsRatedWithTheOthers() {
    String steady = newPartner("steady");
    String silent = newPartner("silent");
    reports(steady, 100, 0, 0);
    PARTNER.stubFor(get(urlPathMatching("/partners/" + silent + "/v1/pilots/.+/metrics")).atPriority(1)
        .willReturn(aResponse().withStatus(503)));
    String key = newPilotKey("silent");
    ProcessInstance instance = start(plan(key, "P1W", steady, silent));
    kickOff(instance);
    nextCheckpoint(instance);

    while (runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count() == 0) {
      advanceToNextJob(instance); // the retries of the silent partner's fetch
    }
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo(FETCH_PARTNER_METRICS);
    assertThat(incident.getIncidentMessage()).contains(silent);
    assertThat(store.metrics(key)).extracting(PilotStore.Metrics::partnerKey).containsExactly(steady);

    advanceToNextJob(instance); // metrics patience: the checkpoint is rated with the partner that answered

    assertThat(instance).hasPassed(METRICS_OVERDUE).isWaitingAt(FETCH_PARTNER_METRICS, DECIDE_OUTCOME);
    PilotStore.Checkpoint rated = store.checkpoints(key).get(0);
    assertThat(rated.missingPartners()).isEqualTo(silent);
    assertThat(rated.health()).isEqualTo("GREEN");
    assertThat((String) taskService.getVariableLocal(task(instance, DECIDE_OUTCOME).getId(), Var.CHECKPOINT_HISTORY))
        .contains("GREEN");

    // the partner answers again; the governance office retries the job: its metrics are kept, nothing is re-rated
    reports(silent, 40, 0, 0);
    PARTNER.removeStub(PARTNER.getStubMappings().stream().filter(s -> s.getPriority() != null
        && s.getPriority() == 1).findFirst().orElseThrow());
    // its circuit breaker opened on the failures; by the time someone retries, its wait in the open state is over
    circuitBreakers.circuitBreaker(silent).transitionToHalfOpenState();
    Job failed = managementService.createJobQuery().processInstanceId(instance.getId()).noRetriesLeft()
        .singleResult();
    managementService.setJobRetries(failed.getId(), 1);
    managementService.executeJob(failed.getId());

    assertThat(instance).hasPassed(LATE_METRICS_RECORDED).isWaitingAt(DECIDE_OUTCOME);
    assertThat(store.metrics(key)).extracting(PilotStore.Metrics::partnerKey).containsExactlyInAnyOrder(steady,
        silent);
    assertThat(store.checkpoints(key).get(0).health()).isEqualTo("GREEN");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  // ---- events during the pilot ----

  @Test
  void customerIssueAndMilestoneOfAPartnerMidPilotShowOnThePilot() {
    String partner = newPartner("events");
    String outsider = newPartner("outsider");
    reports(partner, 100, 0, 0);
    String key = newPilotKey("events");
    ProcessInstance instance = start(plan(key, "P1W", partner));
    kickOff(instance);
    long at = Instant.now().getEpochSecond();

    ResponseEntity<Map> issue = PartnerEvents.post(rest, partner, secrets.currentSecret(partner), at, """
        {"eventId": "evt-issue-%s", "type": "customer.issue", "occurredAt": "2026-12-02T08:00:00Z",
         "data": {"pilotId": "%s", "issueId": "CS-1", "severity": "CRITICAL",
                  "summary": "Invoices stuck in the OCR queue"}}""".formatted(key, key));
    ResponseEntity<Map> milestone = PartnerEvents.post(rest, partner, secrets.currentSecret(partner), at, """
        {"eventId": "evt-ms-%s", "type": "pilot.milestone", "occurredAt": "2026-12-02T08:00:00Z",
         "data": {"pilotId": "%s", "milestone": "First ledger automated", "summary": "AP ledger runs unattended"}}
        """.formatted(key, key));
    ResponseEntity<Map> foreignMilestone = PartnerEvents.post(rest, outsider, secrets.currentSecret(outsider), at, """
        {"eventId": "evt-ms-x-%s", "type": "pilot.milestone", "occurredAt": "2026-12-02T08:00:00Z",
         "data": {"pilotId": "%s", "milestone": "We did it all"}}""".formatted(key, key));
    ResponseEntity<Map> foreignIssue = PartnerEvents.post(rest, outsider, secrets.currentSecret(outsider), at, """
        {"eventId": "evt-issue-x-%s", "type": "customer.issue", "occurredAt": "2026-12-02T08:00:00Z",
         "data": {"pilotId": "%s", "issueId": "CS-9", "severity": "LOW", "summary": "Not theirs"}}"""
        .formatted(key, key));

    assertThat(issue.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(milestone.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(foreignMilestone.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(foreignIssue.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    ResponseEntity<Map> view = Rest.as(rest, "grace").getForEntity("/api/pilots/" + key, Map.class);
    assertThat(view.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<Map<String, Object>> raised = (List<Map<String, Object>>) view.getBody().get("items");
    assertThat(raised).singleElement().satisfies(item -> {
      assertThat(item).containsEntry("kind", "CUSTOMER_ISSUE").containsEntry("severity", "CRITICAL")
          .containsEntry("partnerKey", partner).containsEntry("title", "Invoices stuck in the OCR queue");
    });
    List<Map<String, Object>> timeline = (List<Map<String, Object>>) view.getBody().get("timeline");
    assertThat(timeline).anySatisfy(e -> assertThat(e).containsEntry("type", "MILESTONE")
        .containsEntry("actor", "partner:" + partner)
        .containsEntry("note", "First ledger automated: AP ledger runs unattended"));
    assertThat(timeline).anySatisfy(e -> assertThat(e).containsEntry("type", "ITEM_RAISED"));
    assertThat(timeline).noneSatisfy(e -> assertThat((String) e.get("note")).contains("We did it all"));
    assertThat(instance).isWaitingAt(CHECKPOINT_DUE);
  }

  // ---- start contract ----

  @Test
  void startOverRestIsRefusedNamingEveryProblemAndLeavesNothingBehind() {
    String partner = newPartner("contract");
    long instancesBefore = runtimeService.createProcessInstanceQuery().processDefinitionKey(PilotSprintProcess.KEY)
        .count();
    String body = """
        {"businessKey": "bad-pilot", "variables": {
          "pilotKey": {"value": "bad-pilot"}, "pilotName": {"value": "Bad"},
          "lineUp": {"value": "%s | RPA\\nghost-partner | AI"}, "leadIntegrator": {"value": "nobody"},
          "criteria": {"value": "adoption | 0 | 1"}, "duration": {"value": "P13W"},
          "serviceDeskQueue": {"value": "DESK"}, "runbookReference": {"value": "RB"},
          "runbookSteps": {"value": "Step one"}}}""".formatted(partner);

    ResponseEntity<Map> refused = Rest.as(rest, "grace").exchange(
        "/engine-rest/process-definition/key/pilot-sprint/start", HttpMethod.POST, json(body), Map.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) refused.getBody().get("message")).startsWith("Cannot start pilot sprint: "
        + "leadIntegrator must be a partner of the line-up");
    assertThat(store.exists("bad-pilot")).isFalse();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PilotSprintProcess.KEY).count())
        .isEqualTo(instancesBefore);
  }

  @Test
  void aPartnerThatIsNotActiveOrAPilotKeyInUseIsRefused() {
    String partner = newPartner("active");
    String proposed = newPartner("proposed");
    partners.save(partners.findById(proposed).map(p -> {
      p.setStatus(io.ensemble.partner.PartnerStatus.ONBOARDING);
      return p;
    }).orElseThrow());
    String key = newPilotKey("taken");

    assertThatThrownBy(() -> start(plan(key, "P1W", partner, proposed))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("partner " + proposed + " is ONBOARDING, not ACTIVE");
    assertThat(store.exists(key)).isFalse();
    start(plan(key, "P1W", partner));
    ResponseEntity<Map> again = Rest.as(rest, "amira").exchange(
        "/engine-rest/process-definition/key/pilot-sprint/start", HttpMethod.POST, json("""
            {"variables": {"pilotKey": {"value": "%s"}, "pilotName": {"value": "Again"},
              "lineUp": {"value": "%s | RPA"}, "leadIntegrator": {"value": "own-it"},
              "criteria": {"value": "adoption | 100 | 1"}, "duration": {"value": "P2W"},
              "serviceDeskQueue": {"value": "DESK"}, "runbookReference": {"value": "RB"},
              "runbookSteps": {"value": "Step one"}}}""".formatted(key, partner)), Map.class);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((String) again.getBody().get("message")).contains("Pilot " + key + " exists already");
    ResponseEntity<Map> notAllowed = Rest.as(rest, "sofia").exchange(
        "/engine-rest/process-definition/key/pilot-sprint/start", HttpMethod.POST, json("{\"variables\": {}}"),
        Map.class);
    assertThat(notAllowed.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }
}
