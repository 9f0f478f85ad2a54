package io.ensemble.pilot;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partner.PartnerStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pilot tests' Spring context (H2, no job executor) and real HTTP partners (WireMock) under
 * {@code /partners/{key}}: they join pilots, report metrics as each test says, accept notifications. Tests drive
 * jobs and timers explicitly, moving the engine clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class PilotTestSupport {

  static final WireMockServer PARTNER = new WireMockServer(options().dynamicPort());
  private static final AtomicInteger KEYS = new AtomicInteger();

  static {
    PARTNER.start();
  }

  @DynamicPropertySource
  static void partnerServer(DynamicPropertyRegistry registry) {
    // the egress policy refuses localhost: admit exactly the WireMock partner
    registry.add("ensemble.partner-api.egress.allow[0]", () -> PARTNER.baseUrl() + "/partners/");
  }

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired PartnerRepository partners;
  @Autowired PilotService pilots;
  @Autowired TestRestTemplate rest;

  @BeforeEach
  void partnersJoinAndListen() {
    BpmnAwareTests.init(engine);
    PARTNER.resetAll();
    PARTNER.stubFor(post(urlPathMatching("/partners/[^/]+/v1/pilots")).atPriority(10)
        .willReturn(okJson("{\"pilotId\": \"p\", \"status\": \"JOINED\", \"contact\": \"lead@partner.example\"}")
            .withStatus(201)));
    PARTNER.stubFor(post(urlPathMatching("/partners/[^/]+/v1/notifications")).atPriority(10)
        .willReturn(aResponse().withStatus(204)));
  }

  @AfterEach
  void resetClockAndUser() {
    ClockUtil.reset();
    identityService.clearAuthentication();
  }

  /** A registered, active partner whose API is the WireMock server. */
  String newPartner(String prefix) {
    String key = prefix + "-" + KEYS.incrementAndGet();
    partners.save(new Partner(key, "Partner " + key, "ISV", PARTNER.baseUrl() + "/partners/" + key,
        PartnerStatus.ACTIVE));
    return key;
  }

  String newPilotKey(String prefix) {
    return prefix + "-" + KEYS.incrementAndGet();
  }

  /** The partner reports this attainment of the "adoption" KPI, critical issues and SLA breaches from now on. */
  static void reports(String partnerKey, double adoption, int critical, int breaches) {
    PARTNER.stubFor(get(urlPathMatching("/partners/" + partnerKey + "/v1/pilots/[^/]+/metrics")).atPriority(5)
        .willReturn(okJson("""
            {"pilotId": "p", "kpis": [{"name": "adoption", "plan": 100, "actual": %s}],
             "openIssues": %d, "openCriticalIssues": %d, "slaBreaches": %d}""".formatted(adoption, critical,
            critical, breaches))));
  }

  /** The start contract of a pilot of these partners (the first leads), one "adoption" KPI, as REST sends it. */
  static Map<String, Object> plan(String pilotKey, String duration, String... partnerKeys) {
    StringBuilder lineUp = new StringBuilder("[");
    for (int i = 0; i < partnerKeys.length; i++) {
      lineUp.append(i == 0 ? "" : ",").append("{\"partnerKey\": \"").append(partnerKeys[i])
          .append("\", \"role\": \"Role ").append(i + 1).append("\"}");
    }
    Map<String, Object> plan = new HashMap<>();
    plan.put("pilotKey", pilotKey);
    plan.put("pilotName", "Pilot " + pilotKey);
    plan.put("lineUp", lineUp.append("]").toString());
    plan.put("leadIntegrator", partnerKeys[0]);
    plan.put("criteria", "[{\"name\": \"adoption\", \"plan\": 100, \"weight\": 1}]");
    plan.put("duration", duration);
    plan.put("serviceDeskQueue", "DESK-" + pilotKey);
    plan.put("runbookReference", "RB-" + pilotKey);
    plan.put("runbookSteps", "[\"Open the desk\", \"Hand over tickets\"]");
    return plan;
  }

  ProcessInstance start(Map<String, Object> plan) {
    return runtimeService.startProcessInstanceByKey(PilotSprintProcess.KEY, plan);
  }

  /** Executes every job that is due now until none is left; a failing job is left to its retry cycle. */
  void runDueJobs(ProcessInstance instance) {
    for (int round = 0; round < 50; round++) {
      List<Job> due = managementService.createJobQuery().processInstanceId(instance.getId()).executable().list();
      if (due.isEmpty()) {
        return;
      }
      for (Job job : due) {
        try {
          managementService.executeJob(job.getId());
        } catch (RuntimeException failed) {
          // the engine recorded the failure and scheduled the retry (or raised the incident)
        }
      }
    }
    throw new IllegalStateException("jobs keep coming for " + instance.getId());
  }

  /** Moves the engine clock to the earliest job that is waiting (a timer or a retry) and runs what is due. */
  void advanceToNextJob(ProcessInstance instance) {
    Job next = managementService.createJobQuery().processInstanceId(instance.getId()).withRetriesLeft().list()
        .stream().filter(job -> job.getDuedate() != null).min(Comparator.comparing(Job::getDuedate))
        .orElseThrow(() -> new IllegalStateException("no job waits for " + instance.getId()));
    if (next.getDuedate().after(ClockUtil.getCurrentTime())) {
      ClockUtil.setCurrentTime(next.getDuedate());
    }
    runDueJobs(instance);
  }

  Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  void moveClockTo(Instant at) {
    ClockUtil.setCurrentTime(Date.from(at));
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

  /** Enrols every partner and confirms the runbook: the pilot waits for its first checkpoint. */
  void kickOff(ProcessInstance instance) {
    runDueJobs(instance);
    complete(task(instance, PilotSprintProcess.Activity.CONFIRM_RUNBOOK), "amira", "alliance-managers",
        PilotSprintProcess.Var.RUNBOOK_CONFIRMED, true, PilotSprintProcess.Var.SERVICE_DESK_READY, true);
  }

  /** Lets the next checkpoint fall due and its metrics be fetched. */
  void nextCheckpoint(ProcessInstance instance) {
    advanceToNextJob(instance);
  }
}
