package io.ensemble.onboarding;

import static io.ensemble.onboarding.PartnerOnboardingProcess.Activity.CHECK_CONFORMANCE;
import static io.ensemble.support.Rest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.security.DemoUsers;
import io.ensemble.security.EnsembleGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Least privilege, walked: every demo user against every engine-REST endpoint that changes state, on a running
 * onboarding. Only the administrator changes instances, deployments, identities and authorizations; the
 * governance office retries failed jobs (RETRY_JOB) and nothing else; every other group changes nothing.
 * README "Who may do what" holds the same table.
 */
class EngineRestPermissionMatrixTest extends OnboardingHttpSupport {

  static final String SIGNAL_PROBE = "permission-signal-probe";
  static final String SIGNAL = "PermissionProbeSignal";
  static final int ALLOWED = 2;
  static final int FORBIDDEN = 403;

  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repositoryService;

  /** One running onboarding (waiting at its conformance job) and one instance waiting for a signal. */
  record Fixture(ProcessInstance onboarding, Job conformanceJob, String partnerKey) {}

  record Endpoint(String name, BiFunction<TestRestTemplate, Fixture, Integer> call) {}

  @BeforeEach
  void deploySignalProbe() {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(SIGNAL_PROBE).count() == 0) {
      repositoryService.createDeployment().addModelInstance(SIGNAL_PROBE + ".bpmn",
          Bpmn.createExecutableProcess(SIGNAL_PROBE).camundaHistoryTimeToLive(1).startEvent()
              .intermediateCatchEvent("Event_Signalled").signal(SIGNAL).endEvent().done()).deploy();
    }
  }

  static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint("modification", (as, f) -> status(as, HttpMethod.POST,
          "/engine-rest/process-instance/" + f.onboarding().getId() + "/modification", """
          {"instructions": [{"type": "startBeforeActivity", "activityId": "Task_ActivatePartner"}]}""")),
      new Endpoint("set variable", (as, f) -> status(as, HttpMethod.PUT,
          "/engine-rest/process-instance/" + f.onboarding().getId() + "/variables/dataAccess",
          "{\"value\": \"NONE\"}")),
      new Endpoint("modify variables", (as, f) -> status(as, HttpMethod.POST,
          "/engine-rest/process-instance/" + f.onboarding().getId() + "/variables",
          "{\"modifications\": {\"riskTier\": {\"value\": \"LOW\"}}}")),
      new Endpoint("delete instance", (as, f) -> status(as, HttpMethod.DELETE,
          "/engine-rest/process-instance/" + f.onboarding().getId(), null)),
      new Endpoint("suspend instance", (as, f) -> status(as, HttpMethod.PUT,
          "/engine-rest/process-instance/" + f.onboarding().getId() + "/suspended", "{\"suspended\": true}")),
      new Endpoint("correlate message", (as, f) -> status(as, HttpMethod.POST, "/engine-rest/message", """
          {"messageName": "PartnerWithdrawn", "businessKey": "%s"}""".formatted(f.partnerKey()))),
      new Endpoint("throw signal", (as, f) -> status(as, HttpMethod.POST, "/engine-rest/signal",
          "{\"name\": \"" + SIGNAL + "\"}")),
      new Endpoint("job retries", (as, f) -> status(as, HttpMethod.PUT,
          "/engine-rest/job/" + f.conformanceJob().getId() + "/retries", "{\"retries\": 5}")),
      new Endpoint("deployment", EngineRestPermissionMatrixTest::deploy),
      new Endpoint("create user", (as, f) -> status(as, HttpMethod.POST, "/engine-rest/user/create", """
          {"profile": {"id": "%s"}, "credentials": {"password": "intruder-password"}}"""
          .formatted(intruder(f)))),
      new Endpoint("create group", (as, f) -> status(as, HttpMethod.POST, "/engine-rest/group/create",
          "{\"id\": \"group-" + f.partnerKey() + "\", \"name\": \"Intruders\", \"type\": \"WORKFLOW\"}")),
      new Endpoint("join camunda-admin", (as, f) -> status(as, HttpMethod.PUT,
          "/engine-rest/group/camunda-admin/members/" + DemoUsers.USERS.get(0).id(), null)),
      new Endpoint("create authorization", (as, f) -> status(as, HttpMethod.POST,
          "/engine-rest/authorization/create", """
          {"type": 1, "permissions": ["ALL"], "groupId": "sales", "resourceType": 8, "resourceId": "*"}""")));

  @Test
  void onlyTheAdministratorChangesStateAndTheGovernanceOfficeOnlyRetriesJobs() {
    Map<String, Map<String, Integer>> expected = new TreeMap<>();
    Map<String, Map<String, Integer>> actual = new TreeMap<>();
    for (String user : users()) {
      Fixture shared = fixture();
      for (Endpoint endpoint : ENDPOINTS) {
        int allowed = expectedStatus(user, endpoint);
        // an allowed change gets an instance of its own; refused ones all try the same instance
        Fixture fixture = allowed == ALLOWED ? fixture() : shared;
        int status = endpoint.call().apply(rest.withBasicAuth(user, password(user)), fixture);
        expected.computeIfAbsent(user, u -> new LinkedHashMap<>()).put(endpoint.name(), allowed);
        actual.computeIfAbsent(user, u -> new LinkedHashMap<>()).put(endpoint.name(),
            status / 100 == 2 ? ALLOWED : status);
      }
      assertUnchanged(shared);
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(SIGNAL_PROBE).active().count())
        .as("signal probes still waiting (only the administrator's signals reached them)").isPositive();
  }

  /** 2 (any 2xx) where the table allows it, 403 everywhere else. */
  private static int expectedStatus(String user, Endpoint endpoint) {
    if (user.equals(DemoUsers.DEMO_ADMIN)) {
      return ALLOWED;
    }
    if (user.equals(DemoUsers.of(EnsembleGroup.GOVERNANCE_OFFICE).id()) && endpoint.name().equals("job retries")) {
      return ALLOWED;
    }
    return FORBIDDEN;
  }

  private Fixture fixture() {
    String key = newPartnerKey("matrix");
    ProcessInstance onboarding = start(lowRisk(key));
    runtimeService.startProcessInstanceByKey(SIGNAL_PROBE);
    Job job = managementService.createJobQuery().processInstanceId(onboarding.getId()).singleResult();
    return new Fixture(onboarding, job, key);
  }

  /** Nothing a refused request tried left a trace. */
  private void assertUnchanged(Fixture fixture) {
    String id = fixture.onboarding().getId();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(id).active().count()).isEqualTo(1);
    assertThat(runtimeService.getActiveActivityIds(id)).containsExactly(CHECK_CONFORMANCE);
    assertThat(runtimeService.getVariable(id, PartnerOnboardingProcess.Var.DATA_ACCESS)).isEqualTo("NONE");
    assertThat(runtimeService.getVariable(id, PartnerOnboardingProcess.Var.RISK_TIER)).isEqualTo("LOW");
    assertThat(managementService.createJobQuery().jobId(fixture.conformanceJob().getId()).singleResult().getRetries())
        .isEqualTo(fixture.conformanceJob().getRetries());
    assertThat(engine.getIdentityService().createUserQuery().userId(intruder(fixture)).count()).isZero();
  }

  /** A user id the engine accepts (letters and digits), one per fixture. */
  private static String intruder(Fixture fixture) {
    return "intruder" + fixture.partnerKey().replaceAll("[^a-z0-9]", "");
  }

  private static List<String> users() {
    List<String> users = new java.util.ArrayList<>(DemoUsers.USERS.stream().map(DemoUsers.DemoUser::id).toList());
    users.add(DemoUsers.DEMO_ADMIN);
    return users;
  }

  private static String password(String user) {
    return user.equals(DemoUsers.DEMO_ADMIN) ? DemoUsers.DEMO_ADMIN_PASSWORD : user;
  }

  private static int status(TestRestTemplate as, HttpMethod method, String path, String body) {
    HttpEntity<String> request = body == null ? new HttpEntity<>(null) : json(body);
    return as.exchange(path, method, request, String.class).getStatusCode().value();
  }

  private static int deploy(TestRestTemplate as, Fixture fixture) {
    var form = new LinkedMultiValueMap<String, Object>();
    form.add("deployment-name", "intruder-" + fixture.partnerKey());
    form.add("deploy-changed-only", "true");
    form.add("data", new ByteArrayResource(Bpmn.convertToString(Bpmn.createExecutableProcess("intruder-process")
        .camundaHistoryTimeToLive(1).startEvent().endEvent().done()).getBytes()) {
      @Override
      public String getFilename() {
        return "intruder-process.bpmn";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return as.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(form, headers),
        String.class).getStatusCode().value();
  }
}
