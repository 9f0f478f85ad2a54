package io.ensemble.partnerapi;

import io.ensemble.partnerapi.events.PartnerEvent;
import io.ensemble.partnerapi.events.PartnerEventRepository;
import io.ensemble.partnerapi.events.WebhookSecrets;
import io.ensemble.partnerapi.events.WebhookSignature;

import static io.ensemble.partnerapi.PartnerApiTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ensemble.partner.PartnerRepository;
import io.ensemble.partnerapi.sandbox.SandboxPartner;
import io.ensemble.security.DemoUsers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import io.ensemble.support.PartnerEvents;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /api/partner-events}: signed by the partner's secret (not HTTP Basic), stored once, refused when
 * unsigned, tampered, stale, malformed or from an unknown partner. Webhook secrets rotate with a grace period
 * and never leave Ensemble except to their partner.
 */
@PartnerApiTest
@ExtendWith(OutputCaptureExtension.class)
class PartnerEventsTest {

  static final String PARTNER = "callback-partner";

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;
  @Autowired PartnerRepository partners;
  @Autowired PartnerEventRepository inbox;
  @Autowired WebhookSecrets secrets;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired SandboxPartner sandbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired LoggingSystem loggingSystem;

  String secret;

  @BeforeEach
  void partnerWithASecret() {
    partner(partners, PARTNER, "http://localhost:" + port + "/sandbox-partners/" + PARTNER);
    secret = secrets.currentSecret(PARTNER);
    deployProbes(repositoryService);
  }

  @Test
  void signedEventIsAcceptedWithoutHttpBasic() {
    ResponseEntity<Map> answer = post(PARTNER, secret, now(), event("evt-accepted", "sbx-nobody-waits"));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(answer.getBody()).containsEntry("status", "ACCEPTED");
    assertThat(inbox.findByPartnerKeyAndEventId(PARTNER, "evt-accepted")).get()
        .extracting(PartnerEvent::getStatus).isEqualTo(PartnerEvent.Status.PENDING);
  }

  @Test
  void repeatedEventIsStoredOnceAndAnsweredAsDuplicate() {
    String body = event("evt-twice", "sbx-twice");
    assertThat(post(PARTNER, secret, now(), body).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

    ResponseEntity<Map> again = post(PARTNER, secret, now(), body);

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody()).containsEntry("status", "DUPLICATE");
    assertThat(inbox.findAll()).filteredOn(e -> e.getEventId().equals("evt-twice")).hasSize(1);
  }

  @Test
  void sandboxOutcomeAlreadyKnownUnderAnotherEventIdIsADuplicate() {
    assertThat(post(PARTNER, secret, now(), event("evt-ready-first", "sbx-known")).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);

    // a partner's callback after Ensemble read the outcome itself, or a partner that sends it anew
    ResponseEntity<Map> again = post(PARTNER, secret, now(), event("evt-ready-again", "sbx-known"));

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody()).containsEntry("status", "DUPLICATE");
    assertThat(inbox.findAll()).filteredOn(e -> e.getCorrelationValue().equals("sbx-known")).hasSize(1);
    // another outcome of the same sandbox is news (failed, the governance office waits longer, then ready)
    String failed = "{\"eventId\":\"evt-failed-known\",\"type\":\"sandbox.failed\",\"occurredAt\":\"" + Instant.now()
        + "\",\"data\":{\"sandboxId\":\"sbx-known\",\"reason\":\"quota\"}}";
    assertThat(post(PARTNER, secret, now(), failed).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
  }

  @Test
  void duplicateOfADeliveredEventDoesNotWakeTheProcessTwice() {
    sandbox.changeBehaviour(PARTNER, Map.of("sandboxOutcome", "SILENT"));
    String instanceId = runtimeService.startProcessInstanceByKey(SANDBOX_PROBE,
        vars("partnerKey", PARTNER, "templateId", "standard-eu")).getId();
    managementService.executeJob(job(managementService, instanceId).getId());
    managementService.executeJob(job(managementService, instanceId).getId());
    String sandboxId = (String) runtimeService.getVariable(instanceId, "sandboxId");
    String body = event("evt-once-" + sandboxId, sandboxId);

    assertThat(post(PARTNER, secrets.currentSecret(PARTNER), now(), body).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    assertThat(post(PARTNER, secrets.currentSecret(PARTNER), now(), body).getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
        .activityId(EVENT_SANDBOX_READY).finished().count()).isEqualTo(1);
  }

  @Test
  void sandboxFailureReachesTheWaitingProcessWithItsReason() {
    String process = "partner-api-sandbox-failure-probe";
    deployOnce(repositoryService, org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(process).camundaHistoryTimeToLive(1)
            .startEvent()
            .intermediateCatchEvent("Event_SandboxFailed").message("SandboxFailed")
            .userTask("Task_LookIntoFailure")
            .endEvent()
            .done());
    String instanceId = runtimeService.startProcessInstanceByKey(process, vars("sandboxId", "sbx-broken")).getId();
    String body = "{\"eventId\":\"evt-failed\",\"type\":\"sandbox.failed\",\"occurredAt\":\"" + Instant.now()
        + "\",\"data\":{\"sandboxId\":\"sbx-broken\",\"reason\":\"quota exceeded\"}}";

    assertThat(post(PARTNER, secret, now(), body).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

    assertThat(runtimeService.getVariable(instanceId, "sandboxFailureReason")).isEqualTo("quota exceeded");
    assertThat(inbox.findByPartnerKeyAndEventId(PARTNER, "evt-failed")).get()
        .extracting(PartnerEvent::getStatus).isEqualTo(PartnerEvent.Status.DELIVERED);
  }

  @Test
  void wrongSecretIsRefused() {
    assertRefused(post(PARTNER, "whsec_not-the-secret", now(), event("evt-wrong", "sbx-1")), 401);
  }

  @Test
  void tamperedBodyIsRefused() {
    String signed = event("evt-tampered", "sbx-1");
    String signature = WebhookSignature.sign(secret, now(), signed.getBytes(StandardCharsets.UTF_8));

    ResponseEntity<Map> answer = post(PARTNER, signature, event("evt-tampered", "sbx-2"));

    assertRefused(answer, 401);
    assertThat(inbox.findByPartnerKeyAndEventId(PARTNER, "evt-tampered")).isEmpty();
  }

  @Test
  void staleTimestampIsRefused() {
    long sixMinutesAgo = now() - 360;
    assertRefused(post(PARTNER, secret, sixMinutesAgo, event("evt-stale", "sbx-1")), 401);
  }

  @Test
  void missingSignatureIsRefused() {
    assertRefused(post(PARTNER, (String) null, event("evt-unsigned", "sbx-1")), 401);
  }

  @Test
  void unknownPartnerIsNotFound() {
    assertRefused(post("no-such-partner", secret, now(), event("evt-unknown", "sbx-1")), 404);
  }

  @Test
  void malformedEventNamesTheField() {
    String noSandbox = "{\"eventId\":\"evt-bad\",\"type\":\"sandbox.ready\",\"occurredAt\":\"2026-01-01T00:00:00Z\","
        + "\"data\":{}}";
    ResponseEntity<Map> answer = post(PARTNER, secret, now(), noSandbox);
    assertRefused(answer, 400);
    assertThat(answer.getBody().get("detail")).asString().contains("data.sandboxId");

    String badType = "{\"eventId\":\"evt-bad\",\"type\":\"sandbox.exploded\",\"occurredAt\":\"2026-01-01T00:00:00Z\","
        + "\"data\":{\"sandboxId\":\"x\"}}";
    assertThat(post(PARTNER, secret, now(), badType).getBody().get("detail")).asString().contains("type");

    ResponseEntity<Map> notJson = post(PARTNER, secret, now(), "not json");
    assertRefused(notJson, 400);
  }

  @Test
  void otherApiPathsStillNeedHttpBasic() {
    assertThat(rest.getForEntity("/api/partner-events-archive", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.postForEntity("/api/partner-webhook-secrets/" + PARTNER + "/rotation", null, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void rotatedSecretReachesThePartnerAndTheOldOneWorksDuringTheGracePeriod() {
    String old = secrets.currentSecret(PARTNER);

    ResponseEntity<String> rotation = rest.withBasicAuth(DemoUsers.DEMO_ADMIN, DemoUsers.DEMO_ADMIN_PASSWORD)
        .postForEntity("/api/partner-webhook-secrets/" + PARTNER + "/rotation", null, String.class);

    assertThat(rotation.getStatusCode()).isEqualTo(HttpStatus.OK);
    String current = secrets.currentSecret(PARTNER);
    assertThat(current).isNotEqualTo(old);
    assertThat(rotation.getBody()).contains("previousSecretValidUntil").doesNotContain(current).doesNotContain(old);
    assertThat(secrets.acceptedSecrets(PARTNER)).containsExactly(current, old);
    assertThat(post(PARTNER, old, now(), event("evt-old-secret", "sbx-r-old")).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    assertThat(post(PARTNER, current, now(), event("evt-new-secret", "sbx-r-new")).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    // the sandbox partner received the new secret over the Partner API and signs with it
    sandbox.sendEvent(PARTNER, "sandbox.ready", Map.of("sandboxId", "sbx-after-rotation"));
    assertThat(inbox.findAll()).filteredOn(e -> e.getCorrelationValue().equals("sbx-after-rotation")).hasSize(1);
  }

  @Test
  void rotationIsForAdministratorsOnly() {
    var amira = DemoUsers.of(io.ensemble.security.EnsembleGroup.ALLIANCE_MANAGERS);
    assertThat(rest.withBasicAuth(amira.id(), amira.password())
        .postForEntity("/api/partner-webhook-secrets/" + PARTNER + "/rotation", null, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void secretsAppearInNoLogNoVariableNoResponseAndNotInTheDatabase(CapturedOutput output) {
    // everything any library logs, not only what the test configuration lets through
    LogLevel configured = loggingSystem.getLoggerConfiguration(LoggingSystem.ROOT_LOGGER_NAME).getConfiguredLevel();
    loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.DEBUG);
    try {
      secretsStayInside(output);
    } finally {
      loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, configured);
    }
  }

  private void secretsStayInside(CapturedOutput output) {
    String partnerKey = "secret-keeper";
    partner(partners, partnerKey, "http://localhost:" + port + "/sandbox-partners/" + partnerKey);
    sandbox.changeBehaviour(partnerKey, Map.of("callbackDelayMillis", 0));
    String instanceId = runtimeService.startProcessInstanceByKey(SANDBOX_PROBE,
        vars("partnerKey", partnerKey, "templateId", "standard-eu")).getId();
    managementService.executeJob(job(managementService, instanceId).getId());
    managementService.executeJob(job(managementService, instanceId).getId());
    await().atMost(Duration.ofSeconds(10)).until(() ->
        runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count() == 0);
    String secretOfPartner = secrets.currentSecret(partnerKey);
    var admin = rest.withBasicAuth(DemoUsers.DEMO_ADMIN, DemoUsers.DEMO_ADMIN_PASSWORD);

    List<String> responses = new ArrayList<>();
    responses.add(admin.getForObject("/engine-rest/history/variable-instance?processInstanceId=" + instanceId,
        String.class));
    responses.add(admin.getForObject("/sandbox-partners/" + partnerKey + "/ledger", String.class));
    responses.add(admin.getForObject("/sandbox-partners/" + partnerKey + "/behaviour", String.class));
    responses.add(String.valueOf(post(partnerKey, secretOfPartner, now(), event("evt-leak", "sbx-leak")).getBody()));
    responses.add(String.valueOf(post(partnerKey, "whsec_wrong", now(), event("evt-leak2", "sbx-leak")).getBody()));

    // the random part of the secret, not only the whole of it (a log line may be cut short)
    String randomPart = secretOfPartner.substring("whsec_".length(), "whsec_".length() + 12);
    assertThat(output.getAll()).as("request bodies were logged").contains("Partner event sandbox.ready", "Read \"application/json")
        .doesNotContain(secretOfPartner).doesNotContain(randomPart);
    assertThat(responses).isNotEmpty().allSatisfy(r -> assertThat(r).doesNotContain(randomPart));
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId).list())
        .allSatisfy(v -> assertThat(String.valueOf(v.getValue())).doesNotContain(secretOfPartner));
    assertThat(jdbc.queryForList("select secret_encrypted from partner_webhook_secret where partner_key = ?",
        String.class, partnerKey)).singleElement().asString().startsWith("v1:").doesNotContain(secretOfPartner);
  }

  private void assertRefused(ResponseEntity<Map> answer, int status) {
    assertThat(answer.getStatusCode().value()).isEqualTo(status);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private static String event(String eventId, String sandboxId) {
    return "{\"eventId\":\"" + eventId + "\",\"type\":\"sandbox.ready\",\"occurredAt\":\"" + Instant.now()
        + "\",\"data\":{\"sandboxId\":\"" + sandboxId + "\"}}";
  }

  private ResponseEntity<Map> post(String partnerKey, String secret, long timestamp, String body) {
    return PartnerEvents.post(rest, partnerKey, secret, timestamp, body);
  }

  private ResponseEntity<Map> post(String partnerKey, String signature, String body) {
    return PartnerEvents.postWithSignature(rest, partnerKey, signature, body);
  }
}
