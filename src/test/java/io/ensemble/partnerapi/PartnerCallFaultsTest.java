package io.ensemble.partnerapi;

import io.ensemble.partnerapi.client.PartnerApiClient;
import io.ensemble.partnerapi.client.PartnerCall;
import io.ensemble.partnerapi.client.PartnerCallException;
import io.ensemble.partnerapi.client.PartnerCallLog;
import io.ensemble.partnerapi.client.PartnerCallLogRepository;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.ensemble.partnerapi.PartnerApiTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ensemble.partner.PartnerRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The client against a partner that fails in every technical way (WireMock): the job is retried with the same
 * Idempotency-Key, ends as an incident naming partner, operation, status and key, and the process continues once
 * the partner recovers and the incident is retried. A business 4xx instead reaches the model as a BPMN error.
 */
@PartnerApiTest
class PartnerCallFaultsTest {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired PartnerRepository partners;
  @Autowired PartnerCallLogRepository callLog;
  @Autowired PartnerApiClient client;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  @BeforeEach
  void deploy() {
    deployProbes(repositoryService);
  }

  static Stream<Arguments> technicalFailures() {
    UnaryOperator<MappingBuilder> status500 = m -> m.willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/problem+json")
        .withBody("{\"title\":\"Internal error\",\"detail\":\"database unavailable\",\"status\":500}"));
    UnaryOperator<MappingBuilder> status503 = m -> m.willReturn(aResponse().withStatus(503));
    UnaryOperator<MappingBuilder> status429 = m -> m.willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "120"));
    UnaryOperator<MappingBuilder> slow = m -> m.willReturn(okJson(CONFORMANT).withFixedDelay(3000));
    UnaryOperator<MappingBuilder> reset = m -> m.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    UnaryOperator<MappingBuilder> malformed = m -> m.willReturn(okJson("{\"conformant\": tru"));
    return Stream.of(
        Arguments.of("fault-500", status500, "HTTP status 500", "database unavailable"),
        Arguments.of("fault-503", status503, "HTTP status 503", "no details"),
        Arguments.of("fault-429", status429, "HTTP status 429", "no details"),
        Arguments.of("fault-timeout", slow, "HTTP status none", "no answer within"),
        Arguments.of("fault-reset", reset, "HTTP status none", "connection failed"),
        Arguments.of("fault-malformed", malformed, "HTTP status 200", "malformed response body"));
  }

  static final String CONFORMANT = """
      {"conformant": true, "apiVersion": "1.0", "capabilities": ["sandboxes"], "problems": [],
       "dataGovernance": {"dataResidency": ["EU"], "certifications": ["ISO27001"], "dpaSigned": true}}""";

  @ParameterizedTest(name = "{0}")
  @MethodSource("technicalFailures")
  void technicalFailureIsRetriedThenAnIncidentThenContinuesWhenThePartnerRecovers(String partnerKey,
      UnaryOperator<MappingBuilder> fault, String status, String problem) {
    wireMockPartner(partners, partnerKey);
    wireMock().stubFor(fault.apply(get(urlEqualTo("/" + partnerKey + "/v1/conformance"))));
    String instanceId = startConformanceProbe(partnerKey, 1);
    String key = instanceId + ":" + job(managementService, instanceId).getId();

    List<Exception> failures = executeUntilIncident(managementService, instanceId);

    assertThat(failures).hasSize(3).allSatisfy(f -> assertThat(f).isInstanceOf(PartnerCallException.class));
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(instanceId).singleResult();
    assertThat(incident).isNotNull();
    assertThat(incident.getActivityId()).isEqualTo(TASK_CHECK_CONFORMANCE);
    assertThat(incident.getIncidentMessage())
        .contains("Partner " + partnerKey, "conformance", status, "Idempotency-Key " + key, problem);
    List<LoggedRequest> requests = wireMock().findAll(getRequestedFor(urlEqualTo("/" + partnerKey + "/v1/conformance")));
    // three attempts; the JDK client itself repeats an idempotent GET once after a connection reset
    assertThat(requests).hasSizeBetween(3, 6)
        .allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo(key))
        .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer sandbox-demo-token"));

    wireMock().stubFor(get(urlEqualTo("/" + partnerKey + "/v1/conformance")).willReturn(okJson(CONFORMANT)));
    Job job = job(managementService, instanceId);
    managementService.setJobRetries(job.getId(), 1);
    managementService.executeJob(job.getId());

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count()).isZero();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
        .activityId("EndEvent_ConformanceChecked").count()).isEqualTo(1);
    assertThat(callLog.findByIdempotencyKeyOrderByIdAsc(key))
        .extracting(PartnerCallLog::getAttempt, PartnerCallLog::getOutcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, PartnerCallLog.Outcome.FAILED),
            org.assertj.core.groups.Tuple.tuple(2, PartnerCallLog.Outcome.FAILED),
            org.assertj.core.groups.Tuple.tuple(3, PartnerCallLog.Outcome.FAILED),
            org.assertj.core.groups.Tuple.tuple(4, PartnerCallLog.Outcome.SUCCESS));
    assertThat(callLog.findByIdempotencyKeyOrderByIdAsc(key).get(3).getHttpStatus()).isEqualTo(200);
    assertThat(meters.get("ensemble.partner.calls").tags("partner", partnerKey, "outcome", "FAILED").timer().count())
        .isEqualTo(3);
    assertThat(meters.get("ensemble.partner.calls").tags("partner", partnerKey, "outcome", "SUCCESS").timer().count())
        .isEqualTo(1);
  }

  @ParameterizedTest(name = "Retry-After as {0}")
  @ValueSource(strings = {"seconds", "date"})
  void retryAfterPostponesTheNextAttempt(String form) {
    String partnerKey = "busy-partner-" + form;
    String retryAfter = form.equals("seconds") ? "120"
        : java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
            .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(125));
    wireMockPartner(partners, partnerKey);
    wireMock().stubFor(get(urlEqualTo("/" + partnerKey + "/v1/conformance"))
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", retryAfter)));
    String instanceId = startConformanceProbe(partnerKey, 1);
    Job job = job(managementService, instanceId);

    assertThatThrownBy(() -> managementService.executeJob(job.getId()))
        .isInstanceOfSatisfying(PartnerCallException.class, failure -> assertThat(failure.retryAfter()).hasValueSatisfying(
            wait -> assertThat(wait).isBetween(java.time.Duration.ofSeconds(110), java.time.Duration.ofSeconds(125))));

    Job retried = job(managementService, instanceId);
    assertThat(retried.getRetries()).isEqualTo(2);
    // the task's own cycle says one second; the partner asked for two minutes
    assertThat(retried.getDuedate()).isAfter(Instant.now().plusSeconds(100));
  }

  @Test
  void withoutItsOwnCycleATaskIsRetriedWithGrowingDelays() {
    String process = "partner-api-default-retry-probe";
    deployOnce(repositoryService, org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(process).camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("Task_NotifyPartner").camundaDelegateExpression("${notifyProbe}").camundaAsyncBefore()
            .endEvent()
            .done());
    String partnerKey = "slow-to-recover";
    wireMockPartner(partners, partnerKey);
    wireMock().stubFor(post(urlEqualTo("/" + partnerKey + "/v1/notifications")).willReturn(aResponse().withStatus(500)));
    String instanceId = runtimeService.startProcessInstanceByKey(process, vars("partnerKey", partnerKey)).getId();

    // the engine's clock stands still, so the due dates are exact however slow the machine
    Instant frozen = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    List<java.time.Duration> delays = new java.util.ArrayList<>();
    try {
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(frozen));
      Job job = job(managementService, instanceId);
      while (job.getRetries() > 0) {
        String jobId = job.getId();
        assertThatThrownBy(() -> managementService.executeJob(jobId)).isInstanceOf(PartnerCallException.class);
        job = job(managementService, instanceId);
        if (job.getRetries() > 0) {
          delays.add(java.time.Duration.between(frozen, job.getDuedate().toInstant()));
        }
      }
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }

    // application.yml: failedJobRetryTimeCycle PT10S,PT1M,PT5M, then an incident
    assertThat(delays).containsExactly(java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(1),
        java.time.Duration.ofMinutes(5));
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instanceId).count()).isEqualTo(1);
  }

  @Test
  void businessRejectionReachesTheModelAsBpmnError() {
    String partnerKey = "rejecting-partner";
    wireMockPartner(partners, partnerKey);
    wireMock().stubFor(get(urlEqualTo("/" + partnerKey + "/v1/conformance")).willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/problem+json")
        .withBody("{\"title\":\"Not a partner\",\"detail\":\"No contract with Ensemble\",\"status\":422}")));
    String instanceId = startConformanceProbe(partnerKey, 1);

    managementService.executeJob(job(managementService, instanceId).getId());

    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
        .activityId("EndEvent_PartnerRejected").count()).isEqualTo(1);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instanceId).count()).isZero();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
        .variableName("rejection").singleResult().getValue())
        .asString().contains("rejected conformance", "HTTP 422", "No contract with Ensemble");
    assertThat(callLog.findByPartnerKeyOrderByIdAsc(partnerKey))
        .extracting(PartnerCallLog::getOutcome).containsExactly(PartnerCallLog.Outcome.REJECTED);
  }

  @Test
  void unauthorizedIsAConfigurationProblemNotABusinessAnswer() {
    String partnerKey = "locked-partner";
    wireMockPartner(partners, partnerKey);
    wireMock().stubFor(get(urlEqualTo("/" + partnerKey + "/v1/conformance")).willReturn(aResponse().withStatus(401)));
    String instanceId = startConformanceProbe(partnerKey, 1);

    executeUntilIncident(managementService, instanceId);

    assertThat(runtimeService.createIncidentQuery().processInstanceId(instanceId).singleResult()
        .getIncidentMessage()).contains("HTTP status 401");
  }

  @Test
  void eachLoopIterationHasItsOwnKeyAndEachRetryKeepsIt() {
    String partnerKey = "looping-partner-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    wireMockPartner(partners, partnerKey);
    String url = "/" + partnerKey + "/v1/conformance";
    wireMock().stubFor(get(urlEqualTo(url)).inScenario(partnerKey).whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
    wireMock().stubFor(get(urlEqualTo(url)).inScenario(partnerKey).whenScenarioStateIs("recovered")
        .willReturn(okJson(CONFORMANT)));
    String instanceId = startConformanceProbe(partnerKey, 2);

    String first = instanceId + ":" + job(managementService, instanceId).getId();
    executeUntilIncident(managementService, instanceId); // first iteration fails once, then both succeed

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count()).isZero();
    List<String> keys = wireMock().findAll(getRequestedFor(urlEqualTo(url))).stream()
        .map(r -> r.getHeader("Idempotency-Key")).toList();
    assertThat(keys).hasSize(3);
    assertThat(keys.subList(0, 2)).containsOnly(first);
    assertThat(keys.get(2)).startsWith(instanceId + ":").isNotEqualTo(first);
  }

  @Test
  void eachInstanceOfAMultiInstanceStepHasItsOwnKey() {
    String process = "partner-api-notify-all-probe";
    deployOnce(repositoryService, org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(process).camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("Task_NotifyPartners").camundaDelegateExpression("${notifyProbe}").camundaAsyncBefore()
            .multiInstance().parallel().camundaCollection("${partnerKeys}").camundaElementVariable("partnerKey")
            .multiInstanceDone()
            .endEvent()
            .done());
    List<String> keys = List.of("mi-partner-a", "mi-partner-b");
    keys.forEach(key -> {
      wireMockPartner(partners, key);
      wireMock().stubFor(post(urlEqualTo("/" + key + "/v1/notifications")).willReturn(aResponse().withStatus(204)));
    });
    String instanceId = runtimeService.startProcessInstanceByKey(process, vars("partnerKeys", keys)).getId();

    List<Job> jobs = managementService.createJobQuery().processInstanceId(instanceId).list();
    jobs.forEach(job -> managementService.executeJob(job.getId()));

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count()).isZero();
    List<String> sent = keys.stream().map(key -> wireMock()
        .findAll(postRequestedFor(urlEqualTo("/" + key + "/v1/notifications"))).get(0).getHeader("Idempotency-Key"))
        .toList();
    // one job runs both elements (asyncBefore on a multi-instance activity is before its body): the element's
    // loop counter, given in collection order when the elements are created, tells them apart
    assertThat(jobs).hasSize(1);
    String job = instanceId + ":" + jobs.get(0).getId() + "/Task_NotifyPartners.";
    assertThat(sent).containsExactlyInAnyOrder(job + "0", job + "1");
  }

  /**
   * Each element of a parallel multi-instance keeps its own key through its retries whatever order the elements
   * complete in, also for a call inside a multi-instance subprocess (where the element's loop counter is not the
   * calling execution's own variable).
   */
  @Test
  void keysOfParallelElementsAreTheirOwnWhateverTheOrderTheyCompleteIn() {
    String process = "partner-api-review-all-probe";
    var model = org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(process)
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .subProcess("SubProcess_PerPartner").embeddedSubProcess().startEvent()
          .serviceTask("Task_NotifyPartner").camundaDelegateExpression("${notifyProbe}").camundaAsyncBefore()
          .endEvent()
        .subProcessDone()
        .endEvent()
        .done();
    model.<org.camunda.bpm.model.bpmn.instance.SubProcess>getModelElementById("SubProcess_PerPartner").builder()
        .multiInstance().parallel().camundaCollection("${partnerKeys}").camundaElementVariable("partnerKey");
    deployOnce(repositoryService, model);
    String run = java.util.UUID.randomUUID().toString().substring(0, 6);
    List<String> keys = List.of("par-a-" + run, "par-b-" + run, "par-c-" + run);
    keys.forEach(key -> wireMockPartner(partners, key));
    String first = keys.get(0);
    wireMock().stubFor(post(urlEqualTo("/" + first + "/v1/notifications")).inScenario(first)
        .whenScenarioStateIs("Started").willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
    wireMock().stubFor(post(urlEqualTo("/" + first + "/v1/notifications")).inScenario(first)
        .whenScenarioStateIs("recovered").willReturn(aResponse().withStatus(204)));
    keys.subList(1, 3).forEach(key -> wireMock().stubFor(post(urlEqualTo("/" + key + "/v1/notifications"))
        .willReturn(aResponse().withStatus(204))));
    String instanceId = runtimeService.startProcessInstanceByKey(process, vars("partnerKeys", keys)).getId();
    Map<String, String> jobOf = new java.util.HashMap<>();
    for (Job job : managementService.createJobQuery().processInstanceId(instanceId).list()) {
      jobOf.put((String) runtimeService.getVariable(job.getExecutionId(), "partnerKey"), job.getId());
    }

    // the first element fails, the others complete before it is retried
    assertThatThrownBy(() -> managementService.executeJob(jobOf.get(first)))
        .isInstanceOf(PartnerCallException.class);
    managementService.executeJob(jobOf.get(keys.get(2)));
    managementService.executeJob(jobOf.get(keys.get(1)));
    managementService.executeJob(jobOf.get(first));

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count()).isZero();
    Map<String, List<String>> sent = new java.util.HashMap<>();
    keys.forEach(key -> sent.put(key, wireMock().findAll(postRequestedFor(urlEqualTo("/" + key + "/v1/notifications")))
        .stream().map(r -> r.getHeader("Idempotency-Key")).toList()));
    assertThat(sent.get(first)).hasSize(2).containsOnly(instanceId + ":" + jobOf.get(first));
    assertThat(sent.values().stream().flatMap(List::stream).distinct()).hasSize(3);
  }

  /** A step waiting for its retry keeps its key when the instance moves to a version where the step is renamed. */
  @Test
  void keySurvivesAMigrationThatRenamesTheStep() {
    String process = "partner-api-renamed-step-probe-" + java.util.UUID.randomUUID().toString().substring(0, 6);
    String v1 = deployNotifyStep(process, "Task_NotifyPartner");
    String partnerKey = "renamed-" + process.substring(process.length() - 6);
    wireMockPartner(partners, partnerKey);
    String url = "/" + partnerKey + "/v1/notifications";
    wireMock().stubFor(post(urlEqualTo(url)).inScenario(partnerKey).whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
    wireMock().stubFor(post(urlEqualTo(url)).inScenario(partnerKey).whenScenarioStateIs("recovered")
        .willReturn(aResponse().withStatus(204)));
    String instanceId = runtimeService.startProcessInstanceById(v1, vars("partnerKey", partnerKey))
        .getId();
    String key = instanceId + ":" + job(managementService, instanceId).getId();
    assertThatThrownBy(() -> managementService.executeJob(job(managementService, instanceId).getId()))
        .isInstanceOf(PartnerCallException.class);

    String v2 = deployNotifyStep(process, "Task_TellPartner");
    runtimeService.newMigration(runtimeService.createMigrationPlan(v1, v2)
        .mapActivities("Task_NotifyPartner", "Task_TellPartner").build())
        .processInstanceIds(instanceId).execute();
    managementService.executeJob(job(managementService, instanceId).getId());

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count()).isZero();
    assertThat(wireMock().findAll(postRequestedFor(urlEqualTo(url))).stream().map(r -> r.getHeader("Idempotency-Key")))
        .hasSize(2).containsOnly(key);
  }

  private String deployNotifyStep(String process, String activityId) {
    return repositoryService.createDeployment().addModelInstance(process + ".bpmn",
        org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(process).camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask(activityId).camundaDelegateExpression("${notifyProbe}").camundaAsyncBefore()
            .endEvent()
            .done()).deployWithResult().getDeployedProcessDefinitions().get(0).getId();
  }

  @Test
  void credentialReferenceOutsideThePartnerNamespaceIsNeverResolved() {
    String partnerKey = "greedy-partner";
    var partner = wireMockPartner(partners, partnerKey);
    partner.setCredentialRef("spring.datasource.username"); // configured, but not a partner credential
    partners.save(partner);
    String instanceId = startConformanceProbe(partnerKey, 1);

    executeUntilIncident(managementService, instanceId);

    assertThat(runtimeService.createIncidentQuery().processInstanceId(instanceId).singleResult()
        .getIncidentMessage()).contains("credential reference spring.datasource.username is not configured");
    assertThat(wireMock().findAll(getRequestedFor(urlMatching("/" + partnerKey + "/.*")))).isEmpty();
  }

  @Test
  void apiKeyCredentialIsSentAsApiKeyHeader() {
    String partnerKey = "api-key-partner";
    var partner = wireMockPartner(partners, partnerKey);
    partner.setCredentialRef("ensemble.partner-api.credentials.api-key-partner");
    partners.save(partner);
    wireMock().stubFor(get(urlEqualTo("/" + partnerKey + "/v1/conformance")).willReturn(okJson(CONFORMANT)));

    client.conformance(PartnerCall.of(partnerKey, "api-key-1"));

    LoggedRequest request = wireMock().findAll(getRequestedFor(urlEqualTo("/" + partnerKey + "/v1/conformance"))).get(0);
    assertThat(request.getHeader("X-API-Key")).isEqualTo("key-123");
    assertThat(request.containsHeader("Authorization")).isFalse();
  }

  @Test
  void unknownPartnerIsAnIncidentNotACrash() {
    String instanceId = startConformanceProbe("nobody-knows-me", 1);

    executeUntilIncident(managementService, instanceId);

    assertThat(runtimeService.createIncidentQuery().processInstanceId(instanceId).singleResult()
        .getIncidentMessage()).contains("Partner nobody-knows-me", "not in the registry");
  }

  private String startConformanceProbe(String partnerKey, int checksWanted) {
    return runtimeService.startProcessInstanceByKey(CONFORMANCE_PROBE,
        vars("partnerKey", partnerKey, "checksWanted", checksWanted)).getId();
  }
}
