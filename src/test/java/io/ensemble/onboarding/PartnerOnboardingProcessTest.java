package io.ensemble.onboarding;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.ensemble.onboarding.PartnerOnboardingProcess.Activity.*;
import static io.ensemble.support.Rest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.ensemble.onboarding.PartnerOnboardingProcess.Message;
import io.ensemble.onboarding.PartnerOnboardingProcess.Var;
import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerReview;
import io.ensemble.partner.PartnerStatus;
import io.ensemble.platform.InvalidInputException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.event.EventHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every path of {@code partner-onboarding}, against a real HTTP partner (WireMock). */
class PartnerOnboardingProcessTest extends OnboardingTestSupport {

  private EventHandler compensationHandler;

  @BeforeEach
  void measureCompensationCoverage() throws NoSuchMethodException {
    compensationHandler = CompensationCoverageBridge.install(configuration());
  }

  @AfterEach
  void resetClockAndHandler() {
    ClockUtil.reset();
    CompensationCoverageBridge.restore(configuration(), compensationHandler);
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  // ---- straight through ----

  @Test
  void lowRiskPartnerIsActivatedWithoutManualReview() {
    String key = newPartnerKey("low");
    ProcessInstance instance = start(lowRisk(key));

    assertThat(instance).isWaitingAt(CHECK_CONFORMANCE);
    assertThat(partner(key).getStatus()).isEqualTo(PartnerStatus.ONBOARDING);
    assertThat(partner(key).getRiskTier()).isEqualTo("LOW");
    executeJobs(instance);
    assertThat(instance).isWaitingAt(AWAIT_SANDBOX);
    assertThat(openTasks(instance)).isEmpty();

    sandboxReady(instance);
    executeJobs(instance);

    assertThat(instance).isEnded().hasPassedInOrder(REGISTER_PARTNER, DECIDE_RISK_TIER, DECIDE_REQUIRED_REVIEWS,
        CHECK_CONFORMANCE, PROVISION_SANDBOX, AWAIT_SANDBOX, ACTIVATE_PARTNER, PARTNER_ACTIVATED);
    assertThat(instance).hasNotPassed(REVIEWS, SIGN_DATA_SHARING_AGREEMENT);
    Partner partner = partner(key);
    assertThat(partner.getStatus()).isEqualTo(PartnerStatus.ACTIVE);
    assertThat(partner.getActivatedAt()).isNotNull();
    assertThat(partner.getOnboardingLeadTimeSeconds()).isNotNull().isGreaterThanOrEqualTo(0);
    assertThat(calls(getRequestedFor(urlEqualTo("/partners/" + key + "/v1/conformance")))).isEqualTo(1);
    assertThat(calls(postRequestedFor(urlEqualTo("/partners/" + key + "/v1/sandboxes"))
        .withRequestBody(matchingJsonPath("$.templateId", equalTo("ensemble-standard"))))).isEqualTo(1);
    assertThat(calls(postRequestedFor(urlEqualTo("/partners/" + key + "/v1/notifications"))
        .withRequestBody(matchingJsonPath("$.type", equalTo("ACTIVATED"))))).isEqualTo(1);
    assertThat(calls(deleteRequestedFor(urlPathMatching("/partners/" + key + "/v1/sandboxes/.*")))).isZero();
    assertThat(calls(anyRequestedFor(urlPathMatching("/partners/" + key + "/.*"))
        .withHeader("Idempotency-Key", absent()))).isZero();
  }

  // ---- reviews ----

  @Test
  void highRiskPartnerPassesEveryReviewAndSignsTheDataSharingAgreement() {
    String key = newPartnerKey("high");
    ProcessInstance instance = start(with(lowRisk(key), Var.DATA_ACCESS, "PERSONAL"));

    assertThat(partner(key).getRiskTier()).isEqualTo("HIGH");
    assertThat(instance).isWaitingAt(REVIEW);
    List<Task> tasks = openTasks(instance);
    assertThat(tasks).extracting(Task::getName).containsExactlyInAnyOrder(
        "Security review: Partner " + key, "Data governance review: Partner " + key, "Legal review: Partner " + key);
    assertThat(tasks).allSatisfy(task -> {
      assertThat(task.getDueDate()).isNotNull();
      assertThat(task.getFormKey()).isNull();
    });
    assertThat(reviewTask(instance, "security")).isNotNull();
    assertThat(reviewTask(instance, "data-governance")).isNotNull();
    assertThat(reviewTask(instance, "legal")).isNotNull();
    assertThat(taskService.getVariable(reviewTask(instance, "data-governance").getId(), Var.REVIEW_REASON))
        .isEqualTo("The partner will access Ensemble data");

    for (String group : List.of("security", "data-governance", "legal")) {
      complete(reviewTask(instance, group), Var.REVIEW_OUTCOME, "APPROVED");
      executeJobs(instance);
    }
    assertThat(instance).isWaitingAt(AWAIT_SANDBOX);
    sandboxReady(instance);
    executeJobs(instance);

    Task agreement = task(instance, SIGN_DATA_SHARING_AGREEMENT);
    assertThat(agreement).hasCandidateGroup("data-governance");
    assertThat(agreement.getName()).isEqualTo("Sign data-sharing agreement: Partner " + key);
    complete(agreement, Var.AGREEMENT_SIGNED, true, Var.AGREEMENT_REFERENCE, "DSA-2026-17");
    executeJobs(instance);

    assertThat(instance).isEnded().hasPassed(PARTNER_ACTIVATED);
    assertThat(partner(key).getStatus()).isEqualTo(PartnerStatus.ACTIVE);
    assertThat(reviews.findByPartnerKeyOrderByDecidedAt(key)).extracting(PartnerReview::getReviewGroup)
        .containsExactlyInAnyOrder("security", "data-governance", "legal");
  }

  @ParameterizedTest
  @ValueSource(strings = {"security", "data-governance", "legal"})
  void anyRejectingReviewEndsTheOnboardingAndTellsThePartner(String rejectingGroup) {
    String key = newPartnerKey("rejected-by-" + rejectingGroup);
    ProcessInstance instance = start(with(lowRisk(key), Var.DATA_ACCESS, "PERSONAL"));

    complete(reviewTask(instance, rejectingGroup), Var.REVIEW_OUTCOME, "REJECTED",
        Var.REVIEW_COMMENT, "Not acceptable for " + rejectingGroup);
    executeJobs(instance);

    assertThat(instance).isEnded().hasPassed(REVIEW_REJECTED, RECORD_REJECTION, PARTNER_REJECTED)
        .hasNotPassed(CHECK_CONFORMANCE, PROVISION_SANDBOX);
    assertThat(openTasks(instance)).isEmpty();
    Partner partner = partner(key);
    assertThat(partner.getStatus()).isEqualTo(PartnerStatus.REJECTED);
    assertThat(partner.getClosedReason()).contains(rejectingGroup).contains("Not acceptable");
    assertThat(calls(postRequestedFor(urlEqualTo("/partners/" + key + "/v1/notifications"))
        .withRequestBody(matchingJsonPath("$.type", equalTo("REJECTED"))))).isEqualTo(1);
    assertThat(calls(anyRequestedFor(urlPathMatching("/partners/" + key + "/v1/sandboxes.*")))).isZero();
  }

  @Test
  void requestedChangesGoThroughTheAllianceManagerBackToTheSameReview() {
    String key = newPartnerKey("changes");
    ProcessInstance instance = start(with(lowRisk(key), Var.CERTIFICATIONS, "[]")); // MEDIUM: security only
    assertThat(openTasks(instance)).extracting(Task::getName).containsExactly("Security review: Partner " + key);

    complete(reviewTask(instance, "security"), Var.REVIEW_OUTCOME, "CHANGES_REQUESTED",
        Var.REVIEW_COMMENT, "Enable MFA for all admin accounts");
    Task findings = task(instance, ADDRESS_REVIEW_FINDINGS);
    assertThat(findings).hasCandidateGroup("alliance-managers");
    assertThat(taskService.getVariable(findings.getId(), Var.REVIEW_COMMENT)).isEqualTo("Enable MFA for all admin accounts");
    complete(findings, Var.CHANGES_RESPONSE, "MFA enforced since Monday");

    Task secondRound = reviewTask(instance, "security");
    assertThat(taskService.getVariable(secondRound.getId(), Var.REVIEW_OUTCOME)).isNull();
    complete(secondRound, Var.REVIEW_OUTCOME, "APPROVED");
    executeJobs(instance);

    assertThat(instance).isWaitingAt(AWAIT_SANDBOX);
    assertThat(reviews.findByPartnerKeyOrderByDecidedAt(key)).extracting(PartnerReview::getOutcome)
        .containsExactly("CHANGES_REQUESTED", "APPROVED");
  }

  @Test
  void reviewWithoutCommentIsRefusedUnlessItApproves() {
    String key = newPartnerKey("no-comment");
    ProcessInstance instance = start(with(lowRisk(key), Var.CERTIFICATIONS, "[]"));
    Task review = reviewTask(instance, "security");

    assertThatThrownBy(() -> complete(review, Var.REVIEW_OUTCOME, "REJECTED"))
        .hasRootCauseInstanceOf(InvalidInputException.class).rootCause().hasMessageContaining(Var.REVIEW_COMMENT);
    assertThatThrownBy(() -> complete(review, Var.REVIEW_OUTCOME, "MAYBE"))
        .hasRootCauseInstanceOf(InvalidInputException.class).rootCause().hasMessageContaining(Var.REVIEW_OUTCOME);
    assertThat(reviewTask(instance, "security")).isNotNull();
    assertThat(reviews.findByPartnerKeyOrderByDecidedAt(key)).isEmpty();
  }

  // ---- nobody working a task can change what the onboarding is about ----

  @Test
  void reviewerCanSetOnlyTheFieldsOfTheReviewForm() {
    String key = newPartnerKey("forged");
    String victim = newPartnerKey("victim");
    ProcessInstance instance = start(with(lowRisk(key), Var.DATA_ACCESS, "PERSONAL"));
    Task review = reviewTask(instance, "security");

    assertThatThrownBy(() -> complete(review, Var.REVIEW_OUTCOME, "APPROVED", Var.PARTNER_KEY, victim,
        Var.DATA_ACCESS, "NONE"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("refused: [dataAccess, partnerKey]");
    assertThatThrownBy(() -> taskService.setVariable(review.getId(), Var.REVIEW_GROUP, "legal"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("reviewGroup");
    assertThatThrownBy(() -> taskService.removeVariable(review.getId(), Var.SANDBOX_TIMEOUT))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("sandboxTimeout");
    ResponseEntity<Map> overRest = rest.withBasicAuth("sam", "sam").exchange(
        "/engine-rest/task/" + review.getId() + "/complete", HttpMethod.POST, json("""
            {"variables": {"reviewOutcome": {"value": "APPROVED"}, "partnerKey": {"value": "%s"}}}
            """.formatted(victim)), Map.class);

    assertThat(overRest.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) overRest.getBody().get("message")).contains("partnerKey");
    assertThat(reviewTask(instance, "security")).isNotNull();
    assertThat(runtimeService.getVariable(instance.getId(), Var.PARTNER_KEY)).isEqualTo(key);
    assertThat(runtimeService.getVariable(instance.getId(), Var.DATA_ACCESS)).isEqualTo("PERSONAL");
    assertThat(taskService.getVariable(review.getId(), Var.REVIEW_GROUP)).isEqualTo("security");
    assertThat(reviews.findByPartnerKeyOrderByDecidedAt(key)).isEmpty();
  }

  @Test
  void stepsActOnThePartnerOfTheBusinessKeyAndItsRegisteredDataAccess() {
    String key = newPartnerKey("facts");
    String other = newPartnerKey("facts-other");
    ProcessInstance instance = start(with(with(lowRisk(key), Var.DATA_ACCESS, "AGGREGATED"), Var.JURISDICTION, "FR"));
    complete(reviewTask(instance, "security"), Var.REVIEW_OUTCOME, "APPROVED");
    complete(reviewTask(instance, "data-governance"), Var.REVIEW_OUTCOME, "APPROVED");
    // whatever the variables say later, the business key and the registry decide
    runtimeService.setVariable(instance.getId(), Var.PARTNER_KEY, other);
    runtimeService.setVariable(instance.getId(), Var.DATA_ACCESS, "NONE");
    executeJobs(instance);
    sandboxReady(instance);
    executeJobs(instance);

    assertThat(instance).isWaitingAt(SIGN_DATA_SHARING_AGREEMENT);
    assertThat(partner(key).getSandboxId()).isNotNull();
    assertThat(calls(anyRequestedFor(urlPathMatching("/partners/" + other + "/.*")))).isZero();
    assertThat(partners.findById(other)).isEmpty();
  }

  // ---- conformance ----

  @Test
  void nonConformantPartnerIsCheckedAgainAfterTheFix() {
    String key = newPartnerKey("fixed");
    PARTNER.stubFor(get(urlEqualTo("/partners/" + key + "/v1/conformance")).atPriority(1)
        .inScenario(key).whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willReturn(okJson("{\"conformant\":false,\"apiVersion\":\"0.9\",\"problems\":[\"POST /v1/sandboxes missing\"]}"))
        .willSetStateTo("fixed"));
    ProcessInstance instance = start(lowRisk(key));
    executeJobs(instance);

    Task findings = task(instance, RESOLVE_CONFORMANCE_FINDINGS);
    assertThat(findings).hasCandidateGroup("alliance-managers");
    assertThat(taskService.getVariable(findings.getId(), Var.CONFORMANCE_PROBLEMS)).isEqualTo("POST /v1/sandboxes missing");
    complete(findings, Var.CONFORMANCE_DECISION, "RECHECK");
    executeJobs(instance);

    assertThat(instance).isWaitingAt(AWAIT_SANDBOX);
    assertThat(calls(getRequestedFor(urlEqualTo("/partners/" + key + "/v1/conformance")))).isEqualTo(2);
  }

  @Test
  void nonConformantPartnerThatIsNotFixedIsRejected() {
    String key = newPartnerKey("not-fixed");
    PARTNER.stubFor(get(urlEqualTo("/partners/" + key + "/v1/conformance")).atPriority(1)
        .willReturn(okJson("{\"conformant\":false,\"problems\":[\"no webhook signing\"]}")));
    ProcessInstance instance = start(lowRisk(key));
    executeJobs(instance);

    complete(task(instance, RESOLVE_CONFORMANCE_FINDINGS), Var.CONFORMANCE_DECISION, "REJECT",
        Var.CONFORMANCE_COMMENT, "Partner will not sign webhooks");
    executeJobs(instance);

    assertThat(instance).isEnded().hasPassed(PARTNER_REJECTED).hasNotPassed(PROVISION_SANDBOX);
    assertThat(partner(key).getStatus()).isEqualTo(PartnerStatus.REJECTED);
    assertThat(partner(key).getClosedReason()).contains("Partner will not sign webhooks");
  }

  @Test
  void partnerThatRefusesTheConformanceCheckGoesToTheAllianceManager() {
    String key = newPartnerKey("refuses");
    PARTNER.stubFor(get(urlEqualTo("/partners/" + key + "/v1/conformance")).atPriority(1)
        .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json").withBody("{\"title\":\"conformance suite not available for this tenant\"}")));
    ProcessInstance instance = start(lowRisk(key));
    executeJobs(instance);

    assertThat(instance).hasPassed(CONFORMANCE_REFUSED).isWaitingAt(RESOLVE_CONFORMANCE_FINDINGS);
    assertThat((String) runtimeService.getVariable(instance.getId(), Var.CONFORMANCE_PROBLEMS)).contains("409");
  }

  // ---- sandbox ----

  @Test
  void failedSandboxGoesToTheGovernanceOfficeWhichProvisionsANewOne() {
    String key = newPartnerKey("sandbox-failed");
    ProcessInstance instance = start(lowRisk(key));
    executeJobs(instance);
    String firstSandbox = (String) runtimeService.getVariable(instance.getId(), Var.SANDBOX_ID);

    runtimeService.createMessageCorrelation(Message.SANDBOX_FAILED)
        .processInstanceVariableEquals(Var.SANDBOX_ID, firstSandbox)
        .setVariable(Var.SANDBOX_FAILURE_REASON, "quota exceeded").correlate();
    executeJobs(instance);
    Task decision = task(instance, DECIDE_STALLED_SANDBOX);
    assertThat(decision).hasCandidateGroup("governance-office");
    assertThat(decision.getName()).isEqualTo("Decide on stalled sandbox: Partner " + key);
    complete(decision, Var.STALLED_SANDBOX_DECISION, "RETRY");
    executeJobs(instance);

    String secondSandbox = (String) runtimeService.getVariable(instance.getId(), Var.SANDBOX_ID);
    assertThat(secondSandbox).isNotEqualTo(firstSandbox);
    assertThat(calls(postRequestedFor(urlEqualTo("/partners/" + key + "/v1/sandboxes")))).isEqualTo(2);
    assertThat(PARTNER.findAll(postRequestedFor(urlEqualTo("/partners/" + key + "/v1/sandboxes")))
        .stream().map(r -> r.getHeader("Idempotency-Key")).distinct()).hasSize(2);
    assertThat(calls(deleteRequestedFor(urlEqualTo("/partners/" + key + "/v1/sandboxes/" + firstSandbox)))).isEqualTo(1);
    assertThat(partner(key).getSandboxId()).isEqualTo(secondSandbox);
    sandboxReady(instance);
    executeJobs(instance);
    assertThat(instance).isEnded().hasPassed(SANDBOX_FAILED, PARTNER_ACTIVATED);
  }

  @Test
  void sandboxThatNeverBecomesReadyEscalatesToTheGovernanceOffice() {
    String key = newPartnerKey("sandbox-silent");
    ProcessInstance instance = start(lowRisk(key));
    executeJobs(instance);
    assertThat(instance).isWaitingAt(AWAIT_SANDBOX);

    moveClock(java.time.Duration.ofDays(1));
    executeJobs(instance);
    assertThat(instance).isWaitingAt(AWAIT_SANDBOX);

    moveClock(java.time.Duration.ofDays(1).plusMinutes(1));
    executeJobs(instance);
    assertThat(instance).hasPassed(SANDBOX_TIMED_OUT).isWaitingAt(DECIDE_STALLED_SANDBOX);
    complete(task(instance, DECIDE_STALLED_SANDBOX), Var.STALLED_SANDBOX_DECISION, "WAIT");
    assertThat(instance).isWaitingAt(AWAIT_SANDBOX);

    moveClock(java.time.Duration.ofDays(2).plusMinutes(1));
    executeJobs(instance);
    Task second = task(instance, DECIDE_STALLED_SANDBOX);
    assertThatThrownBy(() -> complete(second, Var.STALLED_SANDBOX_DECISION, "REJECT"))
        .hasRootCauseInstanceOf(InvalidInputException.class);
    complete(second, Var.STALLED_SANDBOX_DECISION, "REJECT", Var.STALLED_SANDBOX_COMMENT, "Partner gave up");
    executeJobs(instance);

    assertThat(instance).isEnded().hasPassed(DEPROVISION_SANDBOX, PARTNER_REJECTED);
    assertThat(partner(key).getStatus()).isEqualTo(PartnerStatus.REJECTED);
    assertThat(partner(key).getSandboxId()).isNull();
    assertThat(calls(deleteRequestedFor(urlPathMatching("/partners/" + key + "/v1/sandboxes/.+")))).isEqualTo(1);
  }

  @Test
  void sandboxRequestTheTemplateRefusesGoesToTheGovernanceOffice() {
    String key = newPartnerKey("template-refused");
    PARTNER.stubFor(post(urlEqualTo("/partners/" + key + "/v1/sandboxes")).atPriority(1)
        .willReturn(aResponse().withStatus(422).withBody("{\"title\":\"unsupported template\"}")));
    ProcessInstance instance = start(lowRisk(key));
    executeJobs(instance);

    assertThat(instance).hasPassed(SANDBOX_REFUSED).isWaitingAt(DECIDE_STALLED_SANDBOX);
    assertThat((String) runtimeService.getVariable(instance.getId(), Var.SANDBOX_FAILURE_REASON)).contains("422");
  }

  // ---- data-sharing agreement ----

  @Test
  void declinedDataSharingAgreementRejectsThePartnerAndDeprovisionsTheSandbox() {
    String key = newPartnerKey("dsa-declined");
    ProcessInstance instance = start(with(with(lowRisk(key), Var.DATA_ACCESS, "AGGREGATED"),
        Var.JURISDICTION, "FR"));
    assertThat(openTasks(instance)).extracting(Task::getName)
        .containsExactlyInAnyOrder("Security review: Partner " + key, "Data governance review: Partner " + key);
    complete(reviewTask(instance, "security"), Var.REVIEW_OUTCOME, "APPROVED");
    complete(reviewTask(instance, "data-governance"), Var.REVIEW_OUTCOME, "APPROVED", Var.REVIEW_COMMENT, "fine");
    executeJobs(instance);
    sandboxReady(instance);
    executeJobs(instance);

    complete(task(instance, SIGN_DATA_SHARING_AGREEMENT), Var.AGREEMENT_SIGNED, false,
        Var.AGREEMENT_COMMENT, "Residency outside the EU");
    executeJobs(instance);

    assertThat(instance).isEnded().hasPassed(UNDO_FOR_REJECTION, DEPROVISION_SANDBOX, PARTNER_REJECTED);
    assertThat(calls(deleteRequestedFor(urlPathMatching("/partners/" + key + "/v1/sandboxes/.+")))).isEqualTo(1);
    assertThat(partner(key).getClosedReason()).contains("Residency outside the EU");
  }

  // ---- withdrawal ----

  @Test
  void withdrawalAfterTheSandboxDeprovisionsItOnce() {
    String key = newPartnerKey("withdrawn");
    ProcessInstance instance = start(lowRisk(key));
    executeJobs(instance);
    assertThat(instance).isWaitingAt(AWAIT_SANDBOX);
    String sandboxId = (String) runtimeService.getVariable(instance.getId(), Var.SANDBOX_ID);

    // as the README shows: an alliance manager withdraws the partner through the domain endpoint
    ResponseEntity<String> withdrawn = asAmira().exchange("/api/partners/" + key + "/withdrawal", HttpMethod.POST,
        json("{\"reason\": \"Partner chose a competitor\"}"), String.class);
    assertThat(withdrawn.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    executeJobs(instance);

    assertThat(instance).isEnded().hasPassed(UNDO_FOR_WITHDRAWAL, DEPROVISION_SANDBOX, RECORD_WITHDRAWAL, PARTNER_WITHDRAWN)
        .hasNotPassed(PARTNER_ACTIVATED);
    assertThat(calls(deleteRequestedFor(urlEqualTo("/partners/" + key + "/v1/sandboxes/" + sandboxId)))).isEqualTo(1);
    assertThat(calls(deleteRequestedFor(urlPathMatching("/partners/.*/v1/sandboxes/.+")))).isEqualTo(1);
    assertThat(calls(postRequestedFor(urlEqualTo("/partners/" + key + "/v1/notifications"))
        .withRequestBody(matchingJsonPath("$.type", equalTo("WITHDRAWN"))))).isEqualTo(1);
    Partner partner = partner(key);
    assertThat(partner.getStatus()).isEqualTo(PartnerStatus.WITHDRAWN);
    assertThat(partner.getClosedReason()).isEqualTo("Partner chose a competitor");
    assertThat(partner.getSandboxId()).isNull();
  }

  @Test
  void withdrawnPartnerMayBeOnboardedAgain() {
    String key = newPartnerKey("again");
    ProcessInstance first = start(lowRisk(key));
    runtimeService.correlateMessage(Message.PARTNER_WITHDRAWN, key);
    executeJobs(first);
    assertThat(partner(key).getStatus()).isEqualTo(PartnerStatus.WITHDRAWN);

    ProcessInstance second = start(lowRisk(key));
    assertThat(second).isActive();
    assertThat(partner(key).getStatus()).isEqualTo(PartnerStatus.ONBOARDING);
    assertThat(partner(key).getOnboardingInstanceId()).isEqualTo(second.getId());
  }

  // ---- clean-up runs in a job of its own: a partner that is down delays it, never the person ----

  @Test
  void dataGovernanceDeclinesWhileThePartnerCannotRemoveTheSandbox() {
    String key = newPartnerKey("decline-partner-down");
    ProcessInstance instance = start(with(lowRisk(key), Var.DATA_ACCESS, "AGGREGATED"));
    complete(reviewTask(instance, "security"), Var.REVIEW_OUTCOME, "APPROVED");
    complete(reviewTask(instance, "data-governance"), Var.REVIEW_OUTCOME, "APPROVED");
    executeJobs(instance);
    sandboxReady(instance);
    executeJobs(instance);
    partnerCannotRemoveSandboxes(key);

    ResponseEntity<String> declined = rest.withBasicAuth("dana", "dana").exchange(
        "/engine-rest/task/" + task(instance, SIGN_DATA_SHARING_AGREEMENT).getId() + "/complete", HttpMethod.POST,
        json("{\"variables\": {\"agreementSigned\": {\"value\": false},"
            + " \"agreementComment\": {\"value\": \"No EU residency\"}}}"), String.class);

    assertThat(declined.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    cleanUpIsRetriedThenAnIncidentThenFinishesOnceThePartnerIsBack(instance, key, UNDO_FOR_REJECTION);
    assertThat(instance).isEnded().hasPassed(DEPROVISION_SANDBOX, PARTNER_REJECTED);
    assertThat(partner(key).getStatus()).isEqualTo(PartnerStatus.REJECTED);
  }

  @Test
  void governanceOfficeRejectsAStalledSandboxWhileThePartnerIsDown() {
    String key = newPartnerKey("reject-partner-down");
    ProcessInstance instance = start(lowRisk(key));
    executeJobs(instance);
    runtimeService.createMessageCorrelation(Message.SANDBOX_FAILED).processInstanceBusinessKey(key)
        .setVariable(Var.SANDBOX_FAILURE_REASON, "quota exceeded").correlate();
    executeJobs(instance);
    partnerCannotRemoveSandboxes(key);

    complete(task(instance, DECIDE_STALLED_SANDBOX), Var.STALLED_SANDBOX_DECISION, "REJECT",
        Var.STALLED_SANDBOX_COMMENT, "Partner cannot provide a sandbox");

    assertThat(openTasks(instance)).isEmpty();
    cleanUpIsRetriedThenAnIncidentThenFinishesOnceThePartnerIsBack(instance, key, UNDO_FOR_REJECTION);
    assertThat(instance).isEnded().hasPassed(PARTNER_REJECTED);
  }

  @Test
  void allianceManagerWithdrawsWhileThePartnerIsDown() {
    String key = newPartnerKey("withdraw-partner-down");
    ProcessInstance instance = start(lowRisk(key));
    executeJobs(instance);
    partnerCannotRemoveSandboxes(key);

    runtimeService.createMessageCorrelation(Message.PARTNER_WITHDRAWN).processInstanceBusinessKey(key)
        .setVariable(Var.WITHDRAWAL_REASON, "Partner paused the programme").correlate();

    cleanUpIsRetriedThenAnIncidentThenFinishesOnceThePartnerIsBack(instance, key, UNDO_FOR_WITHDRAWAL);
    assertThat(instance).isEnded().hasPassed(PARTNER_WITHDRAWN);
    assertThat(partner(key).getStatus()).isEqualTo(PartnerStatus.WITHDRAWN);
  }

  @Test
  void partnerThatRefusesToRemoveTheSandboxRaisesAnIncidentInsteadOfEndingTheOnboarding() {
    String key = newPartnerKey("delete-refused");
    ProcessInstance instance = start(lowRisk(key));
    executeJobs(instance);
    PARTNER.stubFor(delete(urlPathMatching("/partners/" + key + "/v1/sandboxes/.+")).atPriority(1)
        .willReturn(aResponse().withStatus(409).withBody("{\"title\":\"sandbox locked by a running job\"}")));

    runtimeService.correlateMessage(Message.PARTNER_WITHDRAWN, key);
    executeUntilIncident(instance);

    assertThat(instance).isNotEnded();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult()
        .getIncidentMessage()).contains("deprovisionSandbox", "409", "sandbox locked");
    assertThat(partner(key).getStatus()).isEqualTo(PartnerStatus.ONBOARDING);
    assertThat(partner(key).getSandboxId()).isNotNull();
  }

  @Test
  void partnerThatRefusesToRemoveTheReplacedSandboxRaisesAnIncidentAtProvisioning() {
    String key = newPartnerKey("replace-refused");
    ProcessInstance instance = start(lowRisk(key));
    executeJobs(instance);
    runtimeService.createMessageCorrelation(Message.SANDBOX_FAILED).processInstanceBusinessKey(key).correlate();
    executeJobs(instance);
    PARTNER.stubFor(delete(urlPathMatching("/partners/" + key + "/v1/sandboxes/.+")).atPriority(1)
        .willReturn(aResponse().withStatus(422).withBody("{\"title\":\"cannot remove\"}")));

    complete(task(instance, DECIDE_STALLED_SANDBOX), Var.STALLED_SANDBOX_DECISION, "RETRY");
    executeUntilIncident(instance);

    assertThat(instance).isNotEnded();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult())
        .satisfies(incident -> assertThat(incident.getActivityId()).isEqualTo(PROVISION_SANDBOX));
    assertThat(partner(key).getStatus()).isEqualTo(PartnerStatus.ONBOARDING);
  }

  private void partnerCannotRemoveSandboxes(String key) {
    PARTNER.stubFor(delete(urlPathMatching("/partners/" + key + "/v1/sandboxes/.+")).atPriority(1)
        .willReturn(aResponse().withStatus(503)));
  }

  /** The clean-up job fails, is retried, ends as an incident; once the partner is back a retry finishes it. */
  private void cleanUpIsRetriedThenAnIncidentThenFinishesOnceThePartnerIsBack(ProcessInstance instance, String key,
      String cleanUpActivity) {
    assertThat(calls(deleteRequestedFor(urlPathMatching("/partners/" + key + "/v1/sandboxes/.+")))).isZero();
    String sandboxId = partner(key).getSandboxId();
    assertThat(sandboxId).isNotNull();

    int failures = executeUntilIncident(instance);

    assertThat(failures).isGreaterThan(1);
    var incident = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo(cleanUpActivity);
    // the last attempts may find the partner's circuit open, which the message says instead of a status
    assertThat(incident.getIncidentMessage()).contains("Partner " + key, "deprovisionSandbox", "Idempotency-Key");
    var deletes = PARTNER.findAll(deleteRequestedFor(urlEqualTo("/partners/" + key + "/v1/sandboxes/" + sandboxId)));
    assertThat(deletes).hasSizeBetween(2, failures)
        .extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(deletes.get(0).getHeader("Idempotency-Key"));
    assertThat(partner(key).getStatus()).isEqualTo(PartnerStatus.ONBOARDING);

    PARTNER.stubFor(delete(urlPathMatching("/partners/" + key + "/v1/sandboxes/.+")).atPriority(1)
        .willReturn(aResponse().withStatus(204)));
    circuitBreakers.circuitBreaker(key).transitionToHalfOpenState(); // its wait is over: a trial call goes through
    String cleanUp = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult().getId();
    managementService.setJobRetries(cleanUp, 1); // the governance office retries the incident
    managementService.executeJob(cleanUp);
    executeJobs(instance);
    assertThat(partner(key).getSandboxId()).isNull();
  }

  /** Executes the failing job until its retries are used up; returns how often it failed. */
  private int executeUntilIncident(ProcessInstance instance) {
    int failures = 0;
    while (runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count() == 0) {
      var job = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
      assertThat(job).as("a job that does the clean-up").isNotNull();
      try {
        managementService.executeJob(job.getId());
      } catch (RuntimeException expected) {
        failures++;
      }
      assertThat(failures).as("retries are bounded").isLessThan(10);
    }
    return failures;
  }

  // ---- starts over REST and from the Tasklist start form ----

  @Test
  void tasklistStartFormSubmissionStartsTheOnboarding() {
    String key = newPartnerKey("form");
    // exactly what Tasklist sends for a Camunda Form: checklists as Json, numbers and strings untyped
    String body = """
        {"variables": {
          "partnerKey": {"value": "%s"},
          "partnerName": {"value": "Form Partner"},
          "partnerType": {"value": "DATA_PLATFORM"},
          "capabilities": {"type": "Json", "value": "[\\"CLOUD_DATA_PLATFORM\\",\\"CUSTOMER_GRAPH\\"]"},
          "dataAccess": {"value": "AGGREGATED"},
          "jurisdiction": {"value": "NL"},
          "annualContractValue": {"value": 120000},
          "certifications": {"type": "Json", "value": "[\\"ISO27001\\"]"},
          "apiBaseUrl": {"value": "%s"}}}
        """.formatted(key, partnerUrl(key));
    ResponseEntity<Map> response = asAmira().exchange(
        "/engine-rest/process-definition/key/partner-onboarding/submit-form", HttpMethod.POST, json(body), Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).singleResult();
    assertThat(instance).isNotNull().isWaitingAt(REVIEW);
    assertThat(runtimeService.getVariable(instance.getId(), Var.ANNUAL_CONTRACT_VALUE)).isEqualTo(120_000L);
    Partner partner = partner(key);
    assertThat(partner.getCapabilities()).containsExactly("CLOUD_DATA_PLATFORM", "CUSTOMER_GRAPH");
    assertThat(partner.getCertifications()).containsExactly("ISO27001");
    assertThat(partner.getRiskTier()).isEqualTo("MEDIUM");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing variable    | partnerName  |                        | 400 | partnerName is missing
      wrong type          | annualContractValue | {"value": "lots"} | 400 | annualContractValue must be a whole number
      invalid key         | partnerKey   | {"value": "Acme Corp"} | 400 | partnerKey must match
      invalid URL         | apiBaseUrl   | {"value": "ftp://partner.example"} | 400 | apiBaseUrl must be an http or https URL
      unknown type        | partnerType  | {"value": "RESELLER"}  | 400 | partnerType must be one of
      invalid country     | jurisdiction | {"value": "XX"}        | 400 | jurisdiction must be an ISO 3166-1
      capabilities no list | capabilities | {"value": "CRM"}      | 400 | capabilities must be a JSON array
      """)
  void badStartIsRefusedAndLeavesNothingBehind(String problem, String variable, String value, int status,
      String message) {
    String key = newPartnerKey("bad");
    Map<String, String> variables = new java.util.LinkedHashMap<>(restVariables(key));
    if (value == null) {
      variables.remove(variable);
    } else {
      variables.put(variable, value);
    }
    String businessKey = variable.equals(Var.PARTNER_KEY) ? "Acme Corp" : key;

    ResponseEntity<Map> response = startOverRest(businessKey, variables);

    assertThat(response.getStatusCode().value()).as(problem).isEqualTo(status);
    assertThat((String) response.getBody().get("message")).contains(message);
    assertNothingLeftBehind(businessKey);
  }

  @Test
  void onlyAllianceManagersStartAnOnboarding() {
    String key = newPartnerKey("not-allowed");
    ResponseEntity<Map> response = rest.withBasicAuth("fiona", "fiona").exchange(
        "/engine-rest/process-definition/key/partner-onboarding/start", HttpMethod.POST,
        json(startBody(key, restVariables(key))), Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertNothingLeftBehind(key);
  }

  @Test
  void startForAPartnerAlreadyOnboardingIsRefusedWithConflict() {
    String key = newPartnerKey("twice");
    start(lowRisk(key));

    ResponseEntity<Map> response = startOverRest(key, restVariables(key));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((String) response.getBody().get("message")).contains("already ONBOARDING");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isEqualTo(1);
  }

  @Test
  void startForAnActivePartnerIsRefusedWithConflict() {
    ResponseEntity<Map> response = startOverRest("meshgate", restVariables("meshgate"));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((String) response.getBody().get("message")).contains("already ACTIVE");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("meshgate").count()).isZero();
  }

  @Test
  void failureAfterRegistrationRollsBackTheRegistryRowWithTheInstance() {
    // a probe that registers the partner and then fails in the same transaction, as a later synchronous step would
    repositoryService.createDeployment().addModelInstance(ROLLBACK_PROBE + ".bpmn",
        Bpmn.createExecutableProcess(ROLLBACK_PROBE).camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("Task_RegisterPartner").camundaDelegateExpression("${registerPartner}")
            .serviceTask("Task_RegisterAgain").camundaExpression("${onboardingService.requireNotOnboardingOrActive(partnerKey)}")
            .endEvent().done()).deploy();
    String key = newPartnerKey("rollback");

    ResponseEntity<Map> response = rest.withBasicAuth("demo", "demo").exchange(
        "/engine-rest/process-definition/key/" + ROLLBACK_PROBE + "/start",
        HttpMethod.POST, json(startBody(key, restVariables(key))), Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(partners.findById(key)).isEmpty();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isZero();
  }

  @Test
  void reviewCompletedOverRestWithoutCommentIsRefused() {
    String key = newPartnerKey("rest-review");
    ProcessInstance instance = start(with(lowRisk(key), Var.CERTIFICATIONS, "[]"));
    Task review = reviewTask(instance, "security");
    var sam = rest.withBasicAuth("sam", "sam");

    ResponseEntity<Map> refused = sam.exchange("/engine-rest/task/" + review.getId() + "/complete", HttpMethod.POST,
        json("{\"variables\": {\"reviewOutcome\": {\"value\": \"CHANGES_REQUESTED\"}}}"), Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) refused.getBody().get("message")).contains("reviewComment is required");
    assertThat(reviewTask(instance, "security")).isNotNull();

    ResponseEntity<String> approved = sam.exchange("/engine-rest/task/" + review.getId() + "/complete", HttpMethod.POST,
        json("{\"variables\": {\"reviewOutcome\": {\"value\": \"APPROVED\"}}}"), String.class);
    assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(reviews.findByPartnerKeyOrderByDecidedAt(key)).extracting(PartnerReview::getDecidedBy).containsExactly("sam");
  }

  // ---- helpers ----

  private static final String ROLLBACK_PROBE = "onboarding-rollback-probe";

  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repositoryService;
  @Autowired io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry circuitBreakers;

  private TestRestTemplate asAmira() {
    return rest.withBasicAuth("amira", "amira");
  }

  /** The start contract as JSON variable values (REST's {"value": ..., "type": ...}). */
  private static Map<String, String> restVariables(String key) {
    Map<String, String> variables = new java.util.LinkedHashMap<>();
    variables.put(Var.PARTNER_KEY, "{\"value\": \"" + key + "\"}");
    variables.put(Var.PARTNER_NAME, "{\"value\": \"Rest Partner\"}");
    variables.put(Var.PARTNER_TYPE, "{\"value\": \"ISV\"}");
    variables.put(Var.CAPABILITIES, "{\"type\": \"Json\", \"value\": \"[\\\"TELEMETRY_ANALYTICS\\\"]\"}");
    variables.put(Var.DATA_ACCESS, "{\"value\": \"NONE\"}");
    variables.put(Var.JURISDICTION, "{\"value\": \"DE\"}");
    variables.put(Var.ANNUAL_CONTRACT_VALUE, "{\"value\": 80000, \"type\": \"Long\"}");
    variables.put(Var.CERTIFICATIONS, "{\"type\": \"Json\", \"value\": \"[\\\"SOC2\\\"]\"}");
    variables.put(Var.API_BASE_URL, "{\"value\": \"" + partnerUrl(key) + "\"}");
    return variables;
  }

  private static String startBody(String businessKey, Map<String, String> variables) {
    String vars = variables.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
        .collect(java.util.stream.Collectors.joining(", "));
    return "{\"businessKey\": \"" + businessKey + "\", \"variables\": {" + vars + "}}";
  }

  private ResponseEntity<Map> startOverRest(String businessKey, Map<String, String> variables) {
    return asAmira().exchange("/engine-rest/process-definition/key/partner-onboarding/start", HttpMethod.POST,
        json(startBody(businessKey, variables)), Map.class);
  }

  private void assertNothingLeftBehind(String businessKey) {
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count()).isZero();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey)
        .count()).isZero();
    assertThat(partners.findById(businessKey)).isEmpty();
  }

  private void sandboxReady(ProcessInstance instance) {
    String sandboxId = (String) runtimeService.getVariable(instance.getId(), Var.SANDBOX_ID);
    runtimeService.createMessageCorrelation(Message.SANDBOX_READY)
        .processInstanceVariableEquals(Var.SANDBOX_ID, sandboxId).correlate();
  }

  private void moveClock(java.time.Duration by) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + by.toMillis()));
  }

  private Partner partner(String key) {
    return partners.findById(key).orElseThrow();
  }
}
