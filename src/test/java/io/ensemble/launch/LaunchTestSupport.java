package io.ensemble.launch;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ensemble.launch.JointLaunchProcess.Var;
import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partner.PartnerStatus;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The joint-launch tests' Spring context (H2, no job executor, process coverage on) and a real HTTP partner
 * (WireMock) under {@code /partners/{key}} that implements the co-selling part of the Partner API. Tests drive jobs
 * and timers explicitly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ProcessEngineCoverageConfiguration.class, LaunchTestConfiguration.class})
abstract class LaunchTestSupport {

  static final WireMockServer PARTNER = new WireMockServer(options().dynamicPort());
  private static final AtomicInteger KEYS = new AtomicInteger();

  static {
    PARTNER.start();
  }

  @DynamicPropertySource
  static void partnerServer(DynamicPropertyRegistry registry) {
    registry.add("ensemble.partner-api.egress.allow[0]", () -> PARTNER.baseUrl() + "/partners/");
    registry.add("ensemble.partner-api.egress.allow[1]", () -> "http://localhost:${local.server.port}/sandbox-partners/");
  }

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired PartnerRepository partners;
  @Autowired OfferStore offers;
  @Autowired TestRestTemplate rest;

  @BeforeEach
  void partnerImplementsTheContract() {
    BpmnAwareTests.init(engine);
    PARTNER.resetAll();
    PARTNER.stubFor(post(urlPathMatching("/partners/[^/]+/v1/notifications")).atPriority(10)
        .willReturn(aResponse().withStatus(204)));
    PARTNER.stubFor(post(urlPathMatching("/partners/[^/]+/v1/opportunities")).atPriority(10)
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"opportunityId\":\"{{jsonPath request.body '$.opportunityId'}}\","
                + "\"partnerReference\":\"OPP-{{request.pathSegments.[1]}}\",\"status\":\"REGISTERED\"}")
            .withTransformers("response-template")));
    PARTNER.stubFor(put(urlPathMatching("/partners/[^/]+/v1/offers/[^/]+")).atPriority(10)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"offerKey\":\"{{request.pathSegments.[4]}}\",\"status\":\"PUBLISHED\"}")
            .withTransformers("response-template")));
    figures(null, "100", 0);
  }

  @AfterEach
  void resetClockAndUser() {
    ClockUtil.reset();
    identityService.clearAuthentication();
  }

  /** What partners report for a settlement period: every partner (null) or one. */
  static void figures(String partnerKey, String outcomeActual, int slaBreaches) {
    String path = "/partners/" + (partnerKey == null ? "[^/]+" : partnerKey) + "/v1/offers/[^/]+/settlement-figures";
    PARTNER.stubFor(get(urlPathMatching(path)).atPriority(partnerKey == null ? 10 : 1)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"offerKey\":\"{{request.pathSegments.[4]}}\",\"from\":\"{{request.query.from}}\","
                + "\"to\":\"{{request.query.to}}\",\"outcomeActual\":" + outcomeActual + ",\"slaBreaches\":"
                + slaBreaches + "}")
            .withTransformers("response-template")));
  }

  /** A registered partner in the given status whose API is the WireMock server. */
  String newPartner(String prefix, PartnerStatus status) {
    String key = prefix + "-" + KEYS.incrementAndGet();
    partners.save(new Partner(key, "Partner " + key, "ISV", PARTNER.baseUrl() + "/partners/" + key, status));
    return key;
  }

  static String newOfferKey(String prefix) {
    return prefix + "-" + KEYS.incrementAndGet();
  }

  /** A line-up of new ACTIVE partners with these roles, as the start contract's JSON. */
  String lineUp(List<String> partnerKeys, List<PartnerRole> roles) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < partnerKeys.size(); i++) {
      json.append(i == 0 ? "" : ",").append("{\"partnerKey\":\"").append(partnerKeys.get(i))
          .append("\",\"role\":\"").append(roles.get(i)).append("\"}");
    }
    return json.append(']').toString();
  }

  /**
   * A valid start for three partners (lead integrator, platform provider, capability vendor) with the given
   * pricing inputs; the target launch is 60 days from today.
   */
  Map<String, Object> offer(String offerKey, List<String> partnerKeys, String goal, boolean measurable,
      String usage, String segment, boolean dataProduct) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Var.OFFER_KEY, offerKey);
    variables.put(Var.OFFER_NAME, "Offer " + offerKey);
    variables.put(Var.LINE_UP, lineUp(partnerKeys, List.of(PartnerRole.LEAD_INTEGRATOR, PartnerRole.PLATFORM_PROVIDER,
        PartnerRole.CAPABILITY_VENDOR, PartnerRole.DELIVERY_PARTNER).subList(0, partnerKeys.size())));
    variables.put(Var.GOAL_METRIC, goal);
    variables.put(Var.OUTCOME_MEASURABLE, measurable);
    variables.put(Var.USAGE_PREDICTABILITY, usage);
    variables.put(Var.CUSTOMER_SEGMENT, segment);
    variables.put(Var.DATA_PRODUCT, dataProduct);
    variables.put(Var.PRICE_BOOK, "[{\"sku\":\"BASE\",\"description\":\"Base subscription\",\"unit\":\"month\","
        + "\"price\":990.00,\"currency\":\"EUR\"},{\"sku\":\"SEAT\",\"description\":\"Per seat\",\"unit\":\"seat\","
        + "\"price\":49.50,\"currency\":\"EUR\"}]");
    variables.put(Var.SLA_TERMS, "[\"99.9 % monthly availability\",\"Critical incidents answered within 1 hour\"]");
    variables.put(Var.TARGET_LAUNCH_DATE, LaunchService.today().plusDays(60).toString());
    if (measurable) {
      variables.put(Var.OUTCOME_TARGET, 100);
    }
    return variables;
  }

  List<String> activePartners(String prefix, int count) {
    return java.util.stream.IntStream.range(0, count).mapToObj(i -> newPartner(prefix, PartnerStatus.ACTIVE))
        .collect(Collectors.toList());
  }

  ProcessInstance start(Map<String, Object> variables) {
    return runtimeService.startProcessInstanceByKey(JointLaunchProcess.KEY, variables);
  }

  /** Executes every job that is due now (async continuations, due timers), until none is left. */
  void executeJobs(ProcessInstance instance) {
    // one at a time: a job can end others (a refusal interrupts every partner's publication)
    for (int round = 0; round < 200; round++) {
      List<Job> due = managementService.createJobQuery().processInstanceId(instance.getId()).executable().list();
      if (due.isEmpty()) {
        return;
      }
      managementService.executeJob(due.get(0).getId());
    }
    throw new IllegalStateException("jobs keep coming for " + instance.getId());
  }

  Task task(ProcessInstance instance, String activityId) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(activityId)
        .singleResult();
  }

  /** Completes the task as a user of the given group, as Tasklist does. */
  void complete(Task task, String userId, String group, Object... nameValuePairs) {
    Map<String, Object> variables = new HashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      variables.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
    }
    identityService.setAuthentication(userId, List.of(group));
    try {
      taskService.complete(task.getId(), variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  void moveClockTo(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(9, 0).toInstant(java.time.ZoneOffset.UTC)));
  }
}
