package io.ensemble.platform;

import static io.ensemble.support.Rest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.security.DemoUsers;
import io.ensemble.security.EnsembleGroup;
import io.ensemble.support.Rest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The platform as a client sees it on the default (demo) profile: nothing without credentials. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformSecurityTest {

  static final String PROBE = "legal-review-probe";

  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  @BeforeAll
  void deployProbeProcessWithALegalTask() {
    repositoryService.createDeployment()
        .addModelInstance(PROBE + ".bpmn", Bpmn.createExecutableProcess(PROBE)
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .userTask("Task_ReviewContract").name("Review contract").camundaCandidateGroups("legal")
            .endEvent()
            .done())
        .deploy();
  }

  @Test
  void engineRestRefusesRequestsWithoutCredentials() {
    assertThat(rest.getForEntity("/engine-rest/engine", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void engineRestRefusesWrongPassword() {
    // a user that does not exist: a wrong password for a real user delays that user's next login
    assertThat(rest.withBasicAuth("nobody", "wrong").getForEntity("/engine-rest/engine", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void demoAdministratorReachesTheEngine() {
    var admin = rest.withBasicAuth(DemoUsers.DEMO_ADMIN, DemoUsers.DEMO_ADMIN_PASSWORD);
    assertThat(admin.getForEntity("/engine-rest/engine", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> definitions = admin.getForEntity("/engine-rest/process-definition", String.class);
    assertThat(definitions.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(definitions.getBody()).contains(PROBE);
  }

  @Test
  void financeCannotSeeOrCompleteALegalTask() {
    String instanceId = runtimeService.startProcessInstanceByKey(PROBE).getId();
    String taskId = taskService.createTaskQuery().processInstanceId(instanceId).singleResult().getId();
    var finance = Rest.as(rest, EnsembleGroup.FINANCE);
    var legal = Rest.as(rest, EnsembleGroup.LEGAL);

    assertThat(finance.getForObject("/engine-rest/task?processInstanceId=" + instanceId, List.class)).isEmpty();
    assertThat(finance.getForEntity("/engine-rest/task/" + taskId, String.class).getStatusCode())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(finance.exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST,
        json("{}"), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).isEqualTo(1);

    assertThat(legal.getForObject("/engine-rest/task?processInstanceId=" + instanceId, List.class)).hasSize(1);
    assertThat(legal.exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST,
        json("{}"), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).isZero();
  }

  @Test
  void startWithAJavaSerializedVariableIsRefused() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROBE).count();
    String body = """
        {"variables": {"payload": {
          "type": "Object",
          "value": "rO0ABXQABWhlbGxv",
          "valueInfo": {"objectTypeName": "java.lang.String",
                        "serializationDataFormat": "application/x-java-serialized-object"}}}}
        """;
    ResponseEntity<Map> response = rest.withBasicAuth(DemoUsers.DEMO_ADMIN, DemoUsers.DEMO_ADMIN_PASSWORD)
        .exchange("/engine-rest/process-definition/key/" + PROBE + "/start", HttpMethod.POST, json(body), Map.class);

    assertThat(response.getStatusCode().is4xxClientError()).as("status %s", response.getStatusCode()).isTrue();
    assertThat(String.valueOf(response.getBody().get("message"))).containsIgnoringCase("serializ");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PROBE).count()).isEqualTo(before);
  }

  @Test
  void healthIsOpenButMetricsNeedCredentials() {
    assertThat(rest.getForEntity("/actuator/health/liveness", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> readiness = rest.getForEntity("/actuator/health/readiness", String.class);
    assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(rest.getForEntity("/actuator/prometheus", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth(DemoUsers.DEMO_ADMIN, DemoUsers.DEMO_ADMIN_PASSWORD)
        .getForEntity("/actuator/prometheus", String.class).getBody()).contains("jvm_memory_used_bytes");
  }

  @Test
  void theFilterDecidesOnTheRoutedPathNotOnTheRawUri() throws Exception {
    // the raw URI starts with an open path; the container routes it to /engine-rest/user
    assertThat(rawGet("/actuator/health/../../engine-rest/user")).startsWith("HTTP/1.1 401");
    assertThat(rawGet("/actuator/health/..;/../engine-rest/user")).doesNotStartWith("HTTP/1.1 200");
    assertThat(rawGet("/api/partner-events/../partners")).startsWith("HTTP/1.1 401");
    assertThat(rawGet("/actuator/health/liveness")).startsWith("HTTP/1.1 200");
  }

  @Test
  void metricsAreForMonitorsAndAdministratorsOnly() {
    for (DemoUsers.DemoUser user : DemoUsers.USERS) {
      HttpStatus expected = user.group() == EnsembleGroup.MONITORING ? HttpStatus.OK : HttpStatus.FORBIDDEN;
      for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.memory.used")) {
        assertThat(Rest.as(rest, user.id()).getForEntity(path, String.class).getStatusCode())
            .as("%s reads %s", user.id(), path).isEqualTo(expected);
      }
    }
    assertThat(rest.withBasicAuth(DemoUsers.DEMO_ADMIN, DemoUsers.DEMO_ADMIN_PASSWORD)
        .getForEntity("/actuator/metrics", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(Rest.as(rest, EnsembleGroup.MONITORING).getForEntity("/actuator/prometheus", String.class).getBody())
        .contains("jvm_memory_used_bytes");
    assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void theAdministratorReadsDecisionRecords() {
    assertThat(rest.withBasicAuth(DemoUsers.DEMO_ADMIN, DemoUsers.DEMO_ADMIN_PASSWORD)
        .getForEntity("/api/decision-records", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(Rest.as(rest, EnsembleGroup.SALES).getForEntity("/api/decision-records", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void anOversizedPartnerEventIsRefusedBeforeItIsRead() throws Exception {
    // 50 MB announced, none sent: answered at once instead of waiting for (and buffering) the body
    assertThat(rawRequest("POST /api/partner-events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
        + "\r\nX-Partner-Key: meshgate\r\nContent-Length: 50000000\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 413");
    // no length announced (chunked): read up to the limit, then refused
    String chunk = "x".repeat(8192);
    StringBuilder chunked = new StringBuilder("POST /api/partner-events HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
    for (int i = 0; i < 20; i++) {
      chunked.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
    }
    chunked.append("0\r\n\r\n");
    assertThat(rawRequest(chunked.toString())).startsWith("HTTP/1.1 413");
  }

  private String rawRequest(String request) throws Exception {
    int port = Integer.parseInt(rest.getRootUri().replaceAll(".*:(\\d+).*", "$1"));
    try (var socket = new java.net.Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII)).readLine();
    }
  }

  /** A GET sent byte for byte, so that no client library normalises the path first; the status line. */
  private String rawGet(String rawPath) throws Exception {
    int port = Integer.parseInt(rest.getRootUri().replaceAll(".*:(\\d+).*", "$1"));
    try (var socket = new java.net.Socket("localhost", port)) {
      socket.getOutputStream().write(("GET " + rawPath + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      var reader = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII));
      return reader.readLine();
    }
  }

  @Test
  void tasklistIsServedUnderCamunda() {
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).containsIgnoringCase("tasklist");
  }
}
