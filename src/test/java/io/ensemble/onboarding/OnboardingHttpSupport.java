package io.ensemble.onboarding;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.CountMatchingStrategy;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.ensemble.onboarding.PartnerOnboardingProcess.Var;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partner.PartnerReviewRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Onboarding tests against a real HTTP partner: a WireMock server that implements the Partner API for every
 * partner key under {@code /partners/{key}} (H2, no job executor). Tests drive jobs explicitly and assert the
 * calls the partner received. Classes that start processes but are not the scenario class extend this directly
 * (their own context, without process coverage); the scenario class extends {@link OnboardingTestSupport}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class OnboardingHttpSupport {

  static final WireMockServer PARTNER = new WireMockServer(options().dynamicPort());
  private static final AtomicInteger PARTNERS = new AtomicInteger();

  static {
    PARTNER.start();
  }

  @DynamicPropertySource
  static void partnerServer(DynamicPropertyRegistry registry) {
    registry.add("ensemble.test.partner-url", PARTNER::baseUrl);
    // the egress policy refuses localhost: admit exactly the WireMock partner (and this application's sandbox)
    registry.add("ensemble.partner-api.egress.allow[0]", () -> PARTNER.baseUrl() + "/partners/");
    registry.add("ensemble.partner-api.egress.allow[1]", () -> "http://localhost:${local.server.port}/sandbox-partners/");
  }

  @AfterAll
  static void keepServerForTheNextClass() {
    // the server lives as long as the test JVM, like the cached Spring context that points at it
  }

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired PartnerRepository partners;
  @Autowired PartnerReviewRepository reviews;

  @BeforeEach
  void partnerImplementsTheContract() {
    BpmnAwareTests.init(engine);
    PARTNER.resetAll();
    PARTNER.stubFor(get(urlPathMatching("/partners/[^/]+/v1/conformance")).atPriority(10)
        .willReturn(okJson("{\"conformant\":true,\"apiVersion\":\"1.0\",\"capabilities\":[],\"problems\":[]}")));
    PARTNER.stubFor(post(urlPathMatching("/partners/([^/]+)/v1/sandboxes")).atPriority(10)
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"sandboxId\":\"sbx-{{request.pathSegments.[1]}}-{{randomValue length=6 type='NUMERIC'}}\",\"status\":\"PROVISIONING\"}")
            .withTransformers("response-template")));
    PARTNER.stubFor(delete(urlPathMatching("/partners/[^/]+/v1/sandboxes/.+")).atPriority(10)
        .willReturn(aResponse().withStatus(204)));
    PARTNER.stubFor(post(urlPathMatching("/partners/[^/]+/v1/notifications")).atPriority(10)
        .willReturn(aResponse().withStatus(202)));
  }

  /** A fresh partner key per scenario: the registry outlives a test method. */
  static String newPartnerKey(String prefix) {
    return prefix + "-" + PARTNERS.incrementAndGet();
  }

  static String partnerUrl(String partnerKey) {
    return PARTNER.baseUrl() + "/partners/" + partnerKey;
  }

  /** A valid start: no data access, certified, in the EU, under EUR 100,000: LOW. */
  static Map<String, Object> lowRisk(String partnerKey) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Var.PARTNER_KEY, partnerKey);
    variables.put(Var.PARTNER_NAME, "Partner " + partnerKey);
    variables.put(Var.PARTNER_TYPE, "ISV");
    variables.put(Var.CAPABILITIES, Variables.objectValue(List.of("TELEMETRY_ANALYTICS"))
        .serializationDataFormat("application/json").create());
    variables.put(Var.DATA_ACCESS, "NONE");
    variables.put(Var.JURISDICTION, "DE");
    variables.put(Var.ANNUAL_CONTRACT_VALUE, 50_000L);
    variables.put(Var.CERTIFICATIONS, "[\"SOC2\"]");
    variables.put(Var.API_BASE_URL, partnerUrl(partnerKey));
    return variables;
  }

  static Map<String, Object> with(Map<String, Object> variables, String name, Object value) {
    variables.put(name, value);
    return variables;
  }

  ProcessInstance start(Map<String, Object> variables) {
    return runtimeService.startProcessInstanceByKey(PartnerOnboardingProcess.KEY,
        (String) variables.get(Var.PARTNER_KEY), variables);
  }

  /** Executes every job that is due now (async continuations, due timers), until none is left. */
  void executeJobs(ProcessInstance instance) {
    for (int round = 0; round < 50; round++) {
      List<Job> due = managementService.createJobQuery().processInstanceId(instance.getId()).executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
    throw new IllegalStateException("jobs keep coming for " + instance.getId());
  }

  List<Task> openTasks(ProcessInstance instance) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).initializeFormKeys().list();
  }

  Task task(ProcessInstance instance, String activityId) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(activityId)
        .singleResult();
  }

  Task reviewTask(ProcessInstance instance, String group) {
    return taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(PartnerOnboardingProcess.Activity.REVIEW).taskCandidateGroup(group).singleResult();
  }

  void complete(Task task, Object... nameValuePairs) {
    Map<String, Object> variables = new HashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      variables.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
    }
    taskService.complete(task.getId(), variables);
  }

  static int calls(RequestPatternBuilder request) {
    return PARTNER.findAll(request).size();
  }

  static CountMatchingStrategy once() {
    return exactly(1);
  }
}
