package io.ensemble.governance.item;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partner.PartnerStatus;
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
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The governance tests' Spring context (H2, no job executor) and a real HTTP partner
 * (WireMock) under {@code /partners/{key}} that accepts notifications. Tests drive jobs and timers explicitly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GovernanceTestSupport {

  static final String RAISING_PROBE = "governance-raising-probe";
  static final String ROLLBACK_PROBE = "governance-rollback-probe";
  static final WireMockServer PARTNER = new WireMockServer(options().dynamicPort());
  private static final AtomicInteger KEYS = new AtomicInteger();

  static {
    PARTNER.start();
  }

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired GovernanceRegister register;
  @Autowired GovernanceItemRepository items;
  @Autowired PartnerRepository partners;
  @Autowired TestRestTemplate rest;

  @BeforeEach
  void partnerAcceptsNotifications() {
    BpmnAwareTests.init(engine);
    PARTNER.resetAll();
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

  static Map<String, Object> item(String kind, String severity, String title) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("kind", kind);
    fields.put("severity", severity);
    fields.put("title", title);
    return fields;
  }

  /** Raised as Ensemble raises it (REST, processes, partners): register row, then the message start. */
  ProcessInstance raise(Map<String, Object> fields) {
    GovernanceItem item = register.raise(RaiseRequest.of(fields), Raiser.person("sofia", List.of("sales")), null)
        .item();
    return instanceOf(item.getId());
  }

  ProcessInstance instanceOf(long itemId) {
    return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(itemId))
        .singleResult();
  }

  GovernanceItem item(ProcessInstance instance) {
    return items.findById(Long.valueOf(instance.getBusinessKey())).orElseThrow();
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

  void moveClockTo(java.time.Instant at) {
    ClockUtil.setCurrentTime(Date.from(at));
  }

  /** A process of another capability that raises an item on its way, as pilots and launches will. */
  void deployRaisingProbe() {
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(RAISING_PROBE).count() > 0) {
      return;
    }
    engine.getRepositoryService().createDeployment().addModelInstance(RAISING_PROBE + ".bpmn",
        Bpmn.createExecutableProcess(RAISING_PROBE).camundaHistoryTimeToLive(1)
            .startEvent()
            .sendTask("Task_RaiseRisk").name("Raise risk with the governance office")
                .camundaDelegateExpression("${raiseGovernanceItem}")
                .camundaInputParameter("kind", "RISK")
                .camundaInputParameter("severity", "HIGH")
                .camundaInputParameter("title", "${riskTitle}")
                .camundaInputParameter("pilotKey", "${pilotKey}")
            .userTask("Task_CarryOn").name("Carry on")
            .endEvent().done()).deploy();
  }
}
