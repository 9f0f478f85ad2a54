package io.ensemble.governance.item;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.ensemble.governance.item.GovernanceItemProcess.Activity.*;
import static io.ensemble.support.Rest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.ensemble.governance.item.GovernanceItemProcess.Var;
import io.ensemble.governance.item.TimelineEntry.Type;
import io.ensemble.partnerapi.events.WebhookSecrets;
import io.ensemble.platform.InvalidInputException;
import io.ensemble.support.PartnerEvents;
import io.ensemble.support.Rest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Every path of {@code governance-item}, with the engine clock moved for the SLA timers. Its own context measures
 * process coverage (the extension refuses engine work from classes it does not measure).
 */
@Import({ProcessEngineCoverageConfiguration.class, GovernanceTestConfiguration.class})
class GovernanceItemProcessTest extends GovernanceTestSupport {

  @Autowired WebhookSecrets secrets;
  @Autowired TimelineRepository timeline;

  // ---- raised four ways ----

  @Test
  void personRaisesAnItemInTasklistAndItIsTriagedResolvedAndClosedWithThePartnerTold() {
    String partner = newPartner("documind");
    String form = """
        {"variables": {
          "kind": {"value": "CUSTOMER_ISSUE"}, "severity": {"value": "CRITICAL"},
          "title": {"value": "Invoice OCR misses VAT lines"},
          "description": {"value": "Multi-rate invoices lose their VAT lines"},
          "partnerKey": {"value": "%s"}, "pilotKey": {"value": "month-end-close-pilot"}}}
        """.formatted(partner);
    ResponseEntity<Map> started = Rest.as(rest, "sofia").exchange(
        "/engine-rest/process-definition/key/governance-item/submit-form", HttpMethod.POST, json(form), Map.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processInstanceId((String) started.getBody().get("id")).singleResult();
    GovernanceItem item = item(instance);
    assertThat(item.getRaisedBy()).isEqualTo("sofia");
    assertThat(item.getDescription()).isEqualTo("Multi-rate invoices lose their VAT lines");
    assertThat(runtimeService.getVariables(instance.getId())).containsOnlyKeys(Var.ITEM_ID);
    // governance-sla: a critical customer issue is answered within 4 hours and resolved within a day
    assertThat(Duration.between(item.getRaisedAt(), item.getRespondBy())).isEqualTo(Duration.ofHours(4));
    assertThat(Duration.between(item.getRaisedAt(), item.getResolveBy())).isEqualTo(Duration.ofHours(24));

    assertThat(instance).isWaitingAt(NOTIFY_PARTNER_OF_ITEM);
    executeJobs(instance);
    PARTNER.verify(1, postRequestedFor(urlEqualTo("/partners/" + partner + "/v1/notifications"))
        .withRequestBody(matchingJsonPath("$.type", equalTo("GOVERNANCE_ITEM_RAISED")))
        .withHeader("Idempotency-Key", matching(".+")));

    Task triage = task(instance, TRIAGE_ITEM);
    assertThat(triage.getName()).isEqualTo("Triage customer issue: Invoice OCR misses VAT lines");
    assertThat(triage).hasCandidateGroup("governance-office");
    assertThat(triage.getDueDate().toInstant()).isEqualTo(item.getRespondBy());
    assertThat(triage.getPriority()).isEqualTo(100);
    Object proposal = taskService.getVariable(triage.getId(), Var.RESOLVE_BY);
    complete(triage, "grace", "governance-office", Var.KIND, "CUSTOMER_ISSUE", Var.SEVERITY, "CRITICAL",
        Var.OWNER_GROUP, "data-governance", Var.RESOLVE_BY, proposal, Var.TRIAGE_NOTE, "Check with DocuMind");

    Task work = task(instance, WORK_ITEM);
    assertThat(work.getName()).isEqualTo("Resolve customer issue: Invoice OCR misses VAT lines");
    assertThat(work).hasCandidateGroup("data-governance");
    assertThat(work.getDueDate().toInstant()).isEqualTo(item(instance).getResolveBy());
    assertThat(item(instance).getResolveBy()).isEqualTo(item.getResolveBy());
    complete(work, "dana", "data-governance", Var.WORK_OUTCOME, "RESOLVED",
        Var.RESOLUTION, "DocuMind shipped model 4.2 with VAT line extraction");

    Task closure = task(instance, CONFIRM_CLOSURE);
    assertThat(closure.getName()).isEqualTo("Confirm closure of customer issue: Invoice OCR misses VAT lines");
    complete(closure, "grace", "governance-office", Var.CLOSURE_DECISION, "CLOSE");
    assertThat(instance).isWaitingAt(NOTIFY_PARTNER_OF_CLOSURE);
    executeJobs(instance);

    assertThat(instance).isEnded().hasPassedInOrder(ITEM_RAISED, NOTIFY_PARTNER_OF_ITEM, TRIAGE_ITEM, WORK_ITEM,
        CONFIRM_CLOSURE, CLOSURE_CONFIRMED, NOTIFY_PARTNER_OF_CLOSURE, ITEM_CLOSED)
        .hasNotPassed(RECORD_RESPONSE_BREACH, RECORD_RESOLUTION_BREACH, REASSIGN_ITEM);
    GovernanceItem closed = item(instance);
    assertThat(closed.getStatus()).isEqualTo(ItemStatus.CLOSED);
    assertThat(closed.getOwnerGroup()).isEqualTo("data-governance");
    assertThat(closed.isBreached()).isFalse();
    assertThat(timeline.findByItemIdOrderByOccurredAtAscIdAsc(closed.getId()))
        .extracting(TimelineEntry::getType, TimelineEntry::getActor).containsExactly(
            org.assertj.core.groups.Tuple.tuple(Type.RAISED, "sofia"),
            org.assertj.core.groups.Tuple.tuple(Type.PARTNER_NOTIFIED, "system"),
            org.assertj.core.groups.Tuple.tuple(Type.TRIAGED, "grace"),
            org.assertj.core.groups.Tuple.tuple(Type.ASSIGNED, "grace"),
            org.assertj.core.groups.Tuple.tuple(Type.RESOLVED, "dana"),
            org.assertj.core.groups.Tuple.tuple(Type.CLOSED, "grace"),
            org.assertj.core.groups.Tuple.tuple(Type.PARTNER_NOTIFIED, "system"));
    PARTNER.verify(1, postRequestedFor(urlEqualTo("/partners/" + partner + "/v1/notifications"))
        .withRequestBody(matchingJsonPath("$.type", equalTo("GOVERNANCE_ITEM_CLOSED"))));
  }

  @Test
  void itemRaisedOverRestWithoutPartnerTellsNobodyAndClosesStraightAway() {
    ResponseEntity<Map> raised = Rest.as(rest, "ethan").exchange("/api/governance/items", HttpMethod.POST,
        json("{\"kind\": \"ESCALATION\", \"severity\": \"LOW\", \"title\": \"Sponsor meeting keeps slipping\"}"),
        Map.class);
    assertThat(raised.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ProcessInstance instance = instanceOf(((Number) raised.getBody().get("id")).longValue());
    assertThat(instance).isWaitingAt(TRIAGE_ITEM).hasPassed(ITEM_REPORTED).hasNotPassed(NOTIFY_PARTNER_OF_ITEM);

    triage(instance, "executives");
    complete(task(instance, WORK_ITEM), "ethan", "executives", Var.WORK_OUTCOME, "RESOLVED",
        Var.RESOLUTION, "Standing slot agreed");
    complete(task(instance, CONFIRM_CLOSURE), "grace", "governance-office", Var.CLOSURE_DECISION, "CLOSE");

    assertThat(instance).isEnded().hasPassed(ITEM_CLOSED).hasNotPassed(NOTIFY_PARTNER_OF_CLOSURE);
    PARTNER.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void anotherProcessRaisesAnItemThroughTheMessageAndCarriesOn() {
    deployRaisingProbe();
    ProcessInstance raising = runtimeService.startProcessInstanceByKey(RAISING_PROBE,
        Map.of("riskTitle", "Pilot data residency unclear", "pilotKey", "churn-down-pilot"));

    assertThat(raising).isWaitingAt("Task_CarryOn");
    long itemId = ((Number) runtimeService.getVariable(raising.getId(), Var.RAISED_ITEM_ID)).longValue();
    ProcessInstance item = instanceOf(itemId);
    assertThat(item).isWaitingAt(TRIAGE_ITEM).hasPassed(ITEM_REPORTED);
    GovernanceItem raised = item(item);
    assertThat(raised.getKind()).isEqualTo(ItemKind.RISK);
    assertThat(raised.getPilotKey()).isEqualTo("churn-down-pilot");
    assertThat(raised.getSourceProcessInstanceId()).isEqualTo(raising.getId());
    assertThat(raised.getRaisedBy()).isEqualTo("process:" + RAISING_PROBE);
  }

  @Test
  void aProcessThatFailsAfterRaisingLeavesNoItemBehind() {
    // raises an item, then fails in the same transaction, as a later synchronous step of a pilot would
    engine.getRepositoryService().createDeployment().addModelInstance(ROLLBACK_PROBE + ".bpmn",
        Bpmn.createExecutableProcess(ROLLBACK_PROBE).camundaHistoryTimeToLive(1)
            .startEvent()
            .sendTask("Task_RaiseRisk").camundaDelegateExpression("${raiseGovernanceItem}")
                .camundaInputParameter("kind", "RISK").camundaInputParameter("severity", "LOW")
                .camundaInputParameter("title", "Raised, then rolled back")
            .serviceTask("Task_Fail").camundaExpression("${governanceItems.status(execution)}")
            .endEvent().done()).deploy();
    long before = items.count();

    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(ROLLBACK_PROBE))
        .hasMessageContaining("Not a governance item business key");

    assertThat(items.count()).isEqualTo(before);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(GovernanceItemProcess.KEY)
        .processInstanceBusinessKey(String.valueOf(before + 1)).count()).isZero();
  }

  @Test
  void aProcessRaisingAnInvalidItemIsRefusedNamingTheProblem() {
    deployRaisingProbe();
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(RAISING_PROBE,
        Map.of("riskTitle", "x".repeat(201), "pilotKey", "p-1")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("title must be at most 200 characters");
  }

  @Test
  void partnersSignedCustomerIssueRaisesOneItemWhateverTheRepeats() {
    String partner = newPartner("stratus");
    String secret = secrets.currentSecret(partner);
    String body = """
        {"eventId": "evt-issue-1", "type": "customer.issue", "occurredAt": "2026-12-02T08:00:00Z",
         "data": {"pilotId": "churn-down-pilot", "issueId": "CS-77", "severity": "HIGH",
                  "summary": "Segment export drops consent flags"}}
        """;
    long now = Instant.now().getEpochSecond();
    assertThat(PartnerEvents.post(rest, partner, secret, now, body).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(PartnerEvents.post(rest, partner, secret, now, body).getStatusCode()).isEqualTo(HttpStatus.OK);

    GovernanceItem item = items.findAll().stream().filter(i -> partner.equals(i.getPartnerKey())).findFirst()
        .orElseThrow();
    assertThat(items.findAll().stream().filter(i -> partner.equals(i.getPartnerKey()))).hasSize(1);
    assertThat(item.getKind()).isEqualTo(ItemKind.CUSTOMER_ISSUE);
    assertThat(item.getSeverity()).isEqualTo(ItemSeverity.HIGH);
    assertThat(item.getTitle()).isEqualTo("Segment export drops consent flags");
    assertThat(item.getPilotKey()).isEqualTo("churn-down-pilot");
    assertThat(item.getRaisedBy()).isEqualTo("partner:" + partner);
    // the event id is the partner's idempotency key: consuming it again raises nothing new
    assertThat(registerCustomerIssueAgain(partner, body).getId()).isEqualTo(item.getId());
    ProcessInstance instance = instanceOf(item.getId());
    executeJobs(instance);
    assertThat(instance).isWaitingAt(TRIAGE_ITEM).hasPassed(NOTIFY_PARTNER_OF_ITEM);
  }

  @Autowired CustomerIssueEvents customerIssues;

  private GovernanceItem registerCustomerIssueAgain(String partner, String body) {
    return customerIssues.raise(partner, "evt-issue-1", body);
  }

  // ---- hand back, reassign, reopen ----

  @Test
  void handedBackItemIsReassignedAndAReopenedOneGoesBackToItsOwner() {
    ProcessInstance instance = raise(item("RISK", "MEDIUM", "Joint pricing sheet outdated"));
    triage(instance, "sales");

    complete(task(instance, WORK_ITEM), "sofia", "sales", Var.WORK_OUTCOME, "HANDED_BACK",
        Var.HAND_BACK_REASON, "Pricing is finance's");
    assertThat(item(instance).getStatus()).isEqualTo(ItemStatus.HANDED_BACK);
    Task reassign = task(instance, REASSIGN_ITEM);
    assertThat(reassign.getName()).isEqualTo("Reassign handed-back risk: Joint pricing sheet outdated");
    assertThat(reassign).hasCandidateGroup("governance-office");
    complete(reassign, "grace", "governance-office", Var.KIND, "RISK", Var.SEVERITY, "HIGH",
        Var.OWNER_GROUP, "finance", Var.RESOLVE_BY, "2099-01-31T12:00Z");
    assertThat(item(instance).getResolveBy()).isEqualTo(Instant.parse("2099-01-31T12:00:00Z"));

    Task work = task(instance, WORK_ITEM);
    assertThat(work).hasCandidateGroup("finance");
    complete(work, "fiona", "finance", Var.WORK_OUTCOME, "RESOLVED", Var.RESOLUTION, "Sheet updated");
    complete(task(instance, CONFIRM_CLOSURE), "grace", "governance-office", Var.CLOSURE_DECISION, "REOPEN",
        Var.REOPEN_REASON, "Partner tiers still missing");
    assertThat(item(instance).getStatus()).isEqualTo(ItemStatus.ASSIGNED);
    complete(task(instance, WORK_ITEM), "fiona", "finance", Var.WORK_OUTCOME, "RESOLVED",
        Var.RESOLUTION, "Tiers added");
    complete(task(instance, CONFIRM_CLOSURE), "grace", "governance-office", Var.CLOSURE_DECISION, "CLOSE");

    assertThat(instance).isEnded().hasPassed(HANDED_BACK, REASSIGN_ITEM, ITEM_CLOSED);
    assertThat(timeline.findByItemIdOrderByOccurredAtAscIdAsc(item(instance).getId())).extracting(TimelineEntry::getType)
        .containsSubsequence(Type.HANDED_BACK, Type.TRIAGED, Type.ASSIGNED, Type.RESOLVED, Type.REOPENED,
            Type.RESOLVED, Type.CLOSED);
  }

  @Test
  void triageThatChangesSeverityButKeepsTheProposedDateGetsTheNewSeveritysDate() {
    ProcessInstance instance = raise(item("TIMELINE", "LOW", "Test tenant late"));
    GovernanceItem raised = item(instance);
    Task triage = task(instance, TRIAGE_ITEM);
    complete(triage, "grace", "governance-office", Var.KIND, "TIMELINE", Var.SEVERITY, "CRITICAL",
        Var.OWNER_GROUP, "alliance-managers", Var.RESOLVE_BY, taskService.getVariable(triage.getId(), Var.RESOLVE_BY));
    assertThat(Duration.between(raised.getRaisedAt(), item(instance).getResolveBy())).isEqualTo(Duration.ofHours(72));
    assertThat(item(instance).getSeverity()).isEqualTo(ItemSeverity.CRITICAL);
  }

  @Test
  void incompleteAnswersAreRefusedAndTheTaskStaysOpen() {
    ProcessInstance instance = raise(item("RISK", "LOW", "Unclear owner"));
    Task triage = task(instance, TRIAGE_ITEM);
    assertThatThrownBy(() -> complete(triage, "grace", "governance-office", Var.KIND, "RISK", Var.SEVERITY, "LOW",
        Var.OWNER_GROUP, "marketing", Var.RESOLVE_BY, "soon"))
        .hasRootCauseInstanceOf(InvalidInputException.class).rootCause()
        .hasMessageContaining("ownerGroup must be one of").hasMessageContaining("resolveBy must be an ISO 8601");
    assertThatThrownBy(() -> complete(triage, "grace", "governance-office", Var.KIND, "RISK", Var.SEVERITY, "LOW",
        Var.OWNER_GROUP, "legal", Var.RESOLVE_BY, "2001-01-01T00:00Z"))
        .rootCause().hasMessageContaining("resolveBy must lie in the future");
    assertThat(task(instance, TRIAGE_ITEM)).isNotNull();

    triage(instance, "legal");
    assertThatThrownBy(() -> complete(task(instance, WORK_ITEM), "leo", "legal", Var.WORK_OUTCOME, "RESOLVED"))
        .rootCause().hasMessageContaining("resolution is required");
    assertThatThrownBy(() -> complete(task(instance, WORK_ITEM), "leo", "legal", Var.WORK_OUTCOME, "HANDED_BACK"))
        .rootCause().hasMessageContaining("handBackReason is required");
    assertThat(item(instance).getStatus()).isEqualTo(ItemStatus.ASSIGNED);
  }

  @Test
  void secondInstanceForAnExistingItemIsRefused() {
    ProcessInstance instance = raise(item("RISK", "LOW", "Only once"));
    String correlate = """
        {"messageName": "GovernanceItemReported", "businessKey": "%s",
         "processVariables": {"itemId": {"value": %s, "type": "Long"}}}
        """.formatted(instance.getBusinessKey(), instance.getBusinessKey());
    ResponseEntity<Map> refused = Rest.as(rest, "grace").exchange("/engine-rest/message", HttpMethod.POST,
        json(correlate), Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(instance.getBusinessKey())
        .count()).isEqualTo(1);
  }

  @Test
  void badStartFromTasklistIsRefusedNamingEveryProblemAndLeavesNothing() {
    long before = items.count();
    ResponseEntity<Map> refused = Rest.as(rest, "amira").exchange(
        "/engine-rest/process-definition/key/governance-item/start", HttpMethod.POST,
        json("{\"variables\": {\"kind\": {\"value\": \"GOSSIP\"}, \"severity\": {\"value\": \"HIGH\"}}}"), Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) refused.getBody().get("message")).contains("kind must be one of").contains("title is missing");
    assertThat(items.count()).isEqualTo(before);
  }

  // ---- SLA breaches ----

  @Test
  void responseOverdueEscalatesToTheGovernanceOfficeAndIsRecordedOnce() {
    ProcessInstance instance = raise(item("CUSTOMER_ISSUE", "CRITICAL", "Checkout down for pilot users"));
    GovernanceItem raised = item(instance);

    moveClockTo(raised.getRespondBy().minusSeconds(60));
    executeJobs(instance);
    assertThat(instance).hasNotPassed(RESPONSE_OVERDUE);
    moveClockTo(raised.getRespondBy().plusSeconds(60));
    executeJobs(instance);

    assertThat(instance).hasPassed(RESPONSE_OVERDUE, RECORD_RESPONSE_BREACH).isWaitingAt(TRIAGE_ITEM,
        HANDLE_RESPONSE_ESCALATION);
    Task escalated = task(instance, HANDLE_RESPONSE_ESCALATION);
    assertThat(escalated.getName()).isEqualTo("Escalated: triage overdue for customer issue: Checkout down for pilot users");
    assertThat(escalated).hasCandidateGroup("governance-office");
    assertThat(escalated.getDueDate()).isNotNull();
    assertThat(item(instance).getResponseBreachedAt()).isEqualTo(raised.getRespondBy().plusSeconds(60));
    complete(escalated, "grace", "governance-office", Var.ESCALATION_ACTION, "Paged the on-call integrator");
    assertThat(instance).hasPassed(RESPONSE_ESCALATION_HANDLED);

    triage(instance, "alliance-managers");
    assertThat(instance).isWaitingAt(WORK_ITEM);
    assertThat(timeline.findByItemIdOrderByOccurredAtAscIdAsc(raised.getId())).extracting(TimelineEntry::getType)
        .containsSubsequence(Type.ESCALATED, Type.ESCALATION_HANDLED, Type.TRIAGED);
  }

  @Test
  void resolutionOverdueEscalatesToTheCio() {
    ProcessInstance instance = raise(item("RISK", "HIGH", "Partner credits may lapse"));
    triage(instance, "alliance-managers");
    GovernanceItem triaged = item(instance);

    moveClockTo(triaged.getResolveBy().plusSeconds(1));
    executeJobs(instance);

    assertThat(instance).hasPassed(RESOLUTION_OVERDUE, RECORD_RESOLUTION_BREACH).isWaitingAt(WORK_ITEM,
        HANDLE_RESOLUTION_ESCALATION);
    Task cio = task(instance, HANDLE_RESOLUTION_ESCALATION);
    assertThat(cio).hasCandidateGroup("cio");
    assertThat(cio.getName()).isEqualTo("Escalated to the CIO: resolution overdue for risk: Partner credits may lapse");
    assertThat(item(instance).getResolutionBreachedAt()).isNotNull();
    complete(cio, "carlos", "cio", Var.ESCALATION_ACTION, "Called the provider's VP");
    assertThat(instance).hasPassed(RESOLUTION_ESCALATION_HANDLED);

    complete(task(instance, WORK_ITEM), "amira", "alliance-managers", Var.WORK_OUTCOME, "RESOLVED",
        Var.RESOLUTION, "Credits extended");
    complete(task(instance, CONFIRM_CLOSURE), "grace", "governance-office", Var.CLOSURE_DECISION, "CLOSE");
    assertThat(instance).isEnded();
    assertThat(item(instance).isBreached()).isTrue();
  }

  // ---- partner refusals ----

  @Test
  void partnerThatRefusesNotificationsIsRecordedAndTheItemGoesOn() {
    String partner = newPartner("refusing");
    PARTNER.stubFor(post(urlEqualTo("/partners/" + partner + "/v1/notifications")).atPriority(1)
        .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/problem+json")
            .withBody("{\"title\": \"Unknown notification type\"}")));
    Map<String, Object> fields = item("CUSTOMER_ISSUE", "MEDIUM", "Dashboard slow");
    fields.put("partnerKey", partner);
    ProcessInstance instance = raise(fields);
    executeJobs(instance);
    assertThat(instance).hasPassed(ITEM_NOTIFICATION_REFUSED).isWaitingAt(TRIAGE_ITEM);

    triage(instance, "security");
    complete(task(instance, WORK_ITEM), "sam", "security", Var.WORK_OUTCOME, "RESOLVED", Var.RESOLUTION, "Index added");
    complete(task(instance, CONFIRM_CLOSURE), "grace", "governance-office", Var.CLOSURE_DECISION, "CLOSE");
    executeJobs(instance);

    assertThat(instance).isEnded().hasPassed(CLOSURE_NOTIFICATION_REFUSED, ITEM_CLOSED);
    assertThat(timeline.findByItemIdOrderByOccurredAtAscIdAsc(item(instance).getId()))
        .filteredOn(e -> e.getType() == Type.NOTIFICATION_REFUSED).hasSize(2)
        .allSatisfy(e -> assertThat(e.getNote()).contains("422").contains(partner));
  }

  private void triage(ProcessInstance instance, String ownerGroup) {
    complete(task(instance, TRIAGE_ITEM), "grace", "governance-office", Var.KIND, item(instance).getKind().name(),
        Var.SEVERITY, item(instance).getSeverity().name(), Var.OWNER_GROUP, ownerGroup,
        Var.RESOLVE_BY, taskService.getVariable(task(instance, TRIAGE_ITEM).getId(), Var.RESOLVE_BY));
  }
}
