package io.ensemble.partnerapi;

import io.ensemble.partnerapi.events.PartnerEvent;
import io.ensemble.partnerapi.events.PartnerEventRepository;
import io.ensemble.partnerapi.events.WebhookSecrets;
import io.ensemble.partnerapi.events.WebhookSignature;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
  @Autowired io.ensemble.partnerapi.events.PartnerEventInbox eventInbox;
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
    assertThat(inbox.findByPartnerKeyAndEventId(PARTNER, "evt-ready-again")).get()
        .extracting(PartnerEvent::getStatus).isEqualTo(PartnerEvent.Status.DUPLICATE);
    assertThat(inbox.findByPartnerKeyAndEventId(PARTNER, "evt-ready-first")).get()
        .extracting(PartnerEvent::getStatus).isEqualTo(PartnerEvent.Status.PENDING);
    // another outcome of the same sandbox is news (failed, the governance office waits longer, then ready)
    String failed = "{\"eventId\":\"evt-failed-known\",\"type\":\"sandbox.failed\",\"occurredAt\":\"" + Instant.now()
        + "\",\"data\":{\"sandboxId\":\"sbx-known\",\"reason\":\"quota\"}}";
    assertThat(post(PARTNER, secret, now(), failed).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
  }

  @Test
  void duplicateOfADeliveredEventDoesNotWakeTheProcessTwice() {
    // the process waits for sandbox.ready twice over, so a second delivery would show
    String instanceId = startWaitingTwice(PARTNER, "sbx-twice-waited");
    String body = event("evt-once", "sbx-twice-waited");

    assertThat(post(PARTNER, secret, now(), body).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(passed(instanceId, "Event_SandboxReady")).isTrue();
    assertThat(post(PARTNER, secret, now(), body).getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(passed(instanceId, "Event_SandboxReadyAgain")).isFalse();
    // a sandbox is ready once: the same outcome under a new eventId does not wake it either
    assertThat(post(PARTNER, secret, now(), event("evt-once-more", "sbx-twice-waited")).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(passed(instanceId, "Event_SandboxReadyAgain")).isFalse();
    // the probe could have shown a second delivery
    runtimeService.createMessageCorrelation("SandboxReady").processInstanceId(instanceId).correlate();
    assertThat(passed(instanceId, "Event_SandboxReadyAgain")).isTrue();
  }

  @Test
  void sameEventIdWithDifferentContentIsAConflictAndChangesNothing() {
    String instanceId = startWaitingTwice(PARTNER, "sbx-conflict");
    assertThat(post(PARTNER, secret, now(), event("evt-conflict", "sbx-other-one")).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);

    ResponseEntity<Map> reused = post(PARTNER, secret, now(), event("evt-conflict", "sbx-conflict"));

    assertRefused(reused, 409);
    assertThat(reused.getBody().get("detail")).asString().contains("evt-conflict", "different content");
    assertThat(passed(instanceId, "Event_SandboxReady")).isFalse();
    assertThat(inbox.findByPartnerKeyAndEventId(PARTNER, "evt-conflict")).get()
        .extracting(PartnerEvent::getCorrelationValue).isEqualTo("sbx-other-one");
  }

  @Test
  void typesNoProcessConsumesAreRefused() {
    for (String type : List.of("offer.accepted", "sandbox.exploded")) {
      String body = "{\"eventId\":\"evt-" + type + "\",\"type\":\"" + type + "\",\"occurredAt\":\""
          + Instant.now() + "\",\"data\":{\"pilotId\":\"p-1\",\"opportunityId\":\"o-1\",\"sandboxId\":\"s\"}}";

      ResponseEntity<Map> answer = post(PARTNER, secret, now(), body);

      assertRefused(answer, 422);
      assertThat(answer.getBody().get("detail")).asString().contains(type, "sandbox.ready", "sandbox.failed");
      assertThat(inbox.findByPartnerKeyAndEventId(PARTNER, "evt-" + type)).isEmpty();
    }
  }

  @Test
  void partnerCannotMoveAnotherPartnersProcess(CapturedOutput output) {
    String victim = "victim-partner";
    partner(partners, victim, "http://localhost:" + port + "/sandbox-partners/" + victim);
    partners.save(partners.findById(victim).map(p -> { p.setSandboxId("sbx-of-victim"); return p; }).orElseThrow());
    String victimsProcess = startWaitingForFailure(victim, "sbx-of-victim");

    ResponseEntity<Map> forged = post(PARTNER, secret, now(), failed("evt-forged", "sbx-of-victim", "forged"));

    assertRefused(forged, 404);
    assertThat(inbox.findByPartnerKeyAndEventId(PARTNER, "evt-forged")).isEmpty();
    assertThat(passed(victimsProcess, "Event_SandboxFailed")).isFalse();
    assertThat(runtimeService.getVariable(victimsProcess, "sandboxFailureReason")).isNull();
    assertThat(output.getOut()).contains("SECURITY: partner " + PARTNER, "sbx-of-victim");
  }

  @Test
  void reconciledOutcomeIsAnEventOfThePartnerForItsOwnSandboxOnlyDeliveredByItsConsumerOnce() {
    String victim = "reconciled-victim";
    partner(partners, victim, "http://localhost:" + port + "/sandbox-partners/" + victim);
    partners.save(partners.findById(victim).map(p -> { p.setSandboxId("sbx-victims"); return p; }).orElseThrow());
    String victimsProcess = startWaitingForFailure(victim, "sbx-victims");
    Map<String, String> data = Map.of("sandboxId", "sbx-victims", "reason", "read from the partner");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> eventInbox.reconcile(PARTNER, "sandbox.failed", data))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sbx-victims");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> eventInbox.reconcile(victim, "customer.issue", data))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(inbox.findAll()).filteredOn(e -> e.getCorrelationValue().equals("sbx-victims")).isEmpty();
    assertThat(passed(victimsProcess, "Event_SandboxFailed")).isFalse();

    // the victim's own sandbox, read from the victim: its event, delivered to its process through the consumer, once
    eventInbox.reconcile(victim, "sandbox.failed", data);
    eventInbox.reconcile(victim, "sandbox.failed", data);
    await().atMost(Duration.ofSeconds(10)).until(() -> passed(victimsProcess, "Event_SandboxFailed"));
    assertThat(inbox.findAll()).filteredOn(e -> e.getCorrelationValue().equals("sbx-victims")).singleElement()
        .satisfies(e -> assertThat(e.getPartnerKey()).isEqualTo(victim))
        .satisfies(e -> assertThat(e.getEventId()).isEqualTo("reconciled:sandbox.failed:sbx-victims"))
        .extracting(PartnerEvent::getStatus).isEqualTo(PartnerEvent.Status.DELIVERED);
    assertThat(runtimeService.getVariable(victimsProcess, "sandboxFailureReason")).isEqualTo("read from the partner");

    // the victim's late callback is a duplicate; the same eventId with other content is still a conflict
    String victimsSecret = secrets.currentSecret(victim);
    assertThat(post(victim, victimsSecret, now(), failed("evt-victim-late", "sbx-victims", "quota")).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertRefused(post(victim, victimsSecret, now(), failed("evt-victim-late", "sbx-victims", "other")), 409);
  }

  @Test
  void eventReachesOnlyTheSendersProcessEvenForTheSameSandboxId() {
    String other = "same-id-partner";
    partner(partners, other, "http://localhost:" + port + "/sandbox-partners/" + other);
    String othersProcess = startWaitingForFailure(other, "sbx-same");
    String ownProcess = startWaitingForFailure(PARTNER, "sbx-same");

    assertThat(post(PARTNER, secret, now(), failed("evt-same", "sbx-same", "disk full")).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);

    assertThat(runtimeService.getVariable(ownProcess, "sandboxFailureReason")).isEqualTo("disk full");
    assertThat(passed(othersProcess, "Event_SandboxFailed")).isFalse();
  }

  @Test
  void eventForASandboxOfAPartnerThatIsNotBeingOnboardedIsRefused() {
    String active = "active-partner";
    partner(partners, active, "http://localhost:" + port + "/sandbox-partners/" + active);
    partners.save(partners.findById(active)
        .map(p -> { p.setStatus(io.ensemble.partner.PartnerStatus.ACTIVE); return p; }).orElseThrow());
    String activeSecret = secrets.currentSecret(active);

    assertRefused(post(active, activeSecret, now(), event("evt-stray", "sbx-nobody-knows")), 404);
    assertThat(inbox.findByPartnerKeyAndEventId(active, "evt-stray")).isEmpty();
  }

  @Test
  void eventNoProcessTakesBecomesADeadLetterForTheGovernanceOfficeAndIsStillDeliveredLater() {
    assertThat(post(PARTNER, secret, now(), event("evt-late", "sbx-late")).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    jdbc.update("update partner_event set received_at = ? where partner_key = ? and event_id = ?",
        java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(8))), PARTNER, "evt-late");

    eventInbox.sweep();

    assertThat(inbox.findByPartnerKeyAndEventId(PARTNER, "evt-late")).get()
        .extracting(PartnerEvent::getStatus).isEqualTo(PartnerEvent.Status.DEAD_LETTER);
    var grace = DemoUsers.of(io.ensemble.security.EnsembleGroup.GOVERNANCE_OFFICE);
    ResponseEntity<List> deadLetters = rest.withBasicAuth(grace.id(), grace.password())
        .getForEntity("/api/partner-event-inbox?status=DEAD_LETTER", List.class);
    assertThat(deadLetters.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(deadLetters.getBody()).anySatisfy(e -> assertThat((Map<String, Object>) e)
        .containsEntry("eventId", "evt-late").containsEntry("subject", "sbx-late")
        .containsEntry("status", "DEAD_LETTER"));
    var amira = DemoUsers.of(io.ensemble.security.EnsembleGroup.ALLIANCE_MANAGERS);
    assertThat(rest.withBasicAuth(amira.id(), amira.password())
        .getForEntity("/api/partner-event-inbox", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    // the process gets there after eight days: the commit of its wait still delivers the event
    String instanceId = startWaitingAfterAStep(PARTNER, "sbx-late");
    managementService.executeJob(job(managementService, instanceId).getId());
    await().atMost(Duration.ofSeconds(10)).until(() -> passed(instanceId, "Event_SandboxReady"));
    assertThat(inbox.findByPartnerKeyAndEventId(PARTNER, "evt-late")).get()
        .extracting(PartnerEvent::getStatus).isEqualTo(PartnerEvent.Status.DELIVERED);
  }

  @Test
  void deliveryThatKeepsFailingBecomesAVisibleDeadLetter() {
    deployOnce(repositoryService, org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(BREAKS_AFTER_THE_EVENT)
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .intermediateCatchEvent("Event_SandboxReady").message("SandboxReady")
        .serviceTask("Task_Break").camundaExpression("${sandboxId.noSuchMethod()}")
        .endEvent()
        .done());
    runtimeService.startProcessInstanceByKey(BREAKS_AFTER_THE_EVENT, PARTNER, vars("sandboxId", "sbx-breaks"));

    assertThat(post(PARTNER, secret, now(), event("evt-breaks", "sbx-breaks")).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    for (int attempt = 2; attempt <= 5; attempt++) {
      eventInbox.deliverPendingOf(PARTNER);
    }

    PartnerEvent event = inbox.findByPartnerKeyAndEventId(PARTNER, "evt-breaks").orElseThrow();
    assertThat(event.getStatus()).isEqualTo(PartnerEvent.Status.DEAD_LETTER);
    assertThat(event.getAttempts()).isEqualTo(5);
    assertThat(event.getLastError()).contains("noSuchMethod");
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
    String instanceId = runtimeService.startProcessInstanceByKey(process, PARTNER, vars("sandboxId", "sbx-broken")).getId();
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
  void rotatedSecretIsStoredBeforeItIsSentSoAPartnerThatTookItButDidNotAnswerIsNotLockedOut() {
    String partnerKey = "rotation-answer-lost";
    wireMockPartner(partners, partnerKey);
    String old = secrets.currentSecret(partnerKey);
    String webhook = "/" + partnerKey + "/v1/webhook";
    wireMock().stubFor(put(urlEqualTo(webhook)).willReturn(aResponse().withStatus(503)));
    var admin = rest.withBasicAuth(DemoUsers.DEMO_ADMIN, DemoUsers.DEMO_ADMIN_PASSWORD);

    ResponseEntity<String> failed = admin.postForEntity("/api/partner-webhook-secrets/" + partnerKey + "/rotation",
        null, String.class);

    assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
    // the partner may have taken the new secret before its answer got lost: both are accepted
    String sent = sentSecret(webhook, 0);
    assertThat(secrets.acceptedSecrets(partnerKey)).containsExactlyInAnyOrder(old, sent);
    assertThat(post(partnerKey, sent, now(), event("evt-rotated", "sbx-rotated")).getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);

    wireMock().stubFor(put(urlEqualTo(webhook)).willReturn(aResponse().withStatus(204)));
    assertThat(admin.postForEntity("/api/partner-webhook-secrets/" + partnerKey + "/rotation", null, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(sentSecret(webhook, 1)).isEqualTo(sent);
    assertThat(secrets.currentSecret(partnerKey)).isEqualTo(sent);
    assertThat(secrets.acceptedSecrets(partnerKey)).containsExactly(sent, old);
  }

  private static String sentSecret(String webhook, int request) {
    String body = wireMock().findAll(putRequestedFor(urlEqualTo(webhook))).get(request).getBodyAsString();
    return com.jayway.jsonpath.JsonPath.read(body, "$.webhookSecret");
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
    String instanceId = runtimeService.startProcessInstanceByKey(SANDBOX_PROBE, partnerKey,
        vars("partnerKey", partnerKey, "templateId", "standard-eu")).getId();
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

  private static final String WAITING_TWICE = "partner-events-waiting-twice-probe";
  private static final String WAITING_FOR_FAILURE = "partner-events-failure-probe";
  private static final String WAIT_AFTER_A_STEP = "partner-events-wait-after-a-step-probe";
  private static final String BREAKS_AFTER_THE_EVENT = "partner-events-breaks-probe";

  /** Waits for sandbox.ready, then for another one, like the real receive task (no async boundary before it). */
  private String startWaitingTwice(String partnerKey, String sandboxId) {
    deployOnce(repositoryService, org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(WAITING_TWICE)
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .intermediateCatchEvent("Event_SandboxReady").message("SandboxReady")
        .intermediateCatchEvent("Event_SandboxReadyAgain").message("SandboxReady")
        .userTask("Task_LookAtSandbox")
        .endEvent()
        .done());
    return runtimeService.startProcessInstanceByKey(WAITING_TWICE, partnerKey, vars("sandboxId", sandboxId)).getId();
  }

  private String startWaitingForFailure(String partnerKey, String sandboxId) {
    deployOnce(repositoryService, org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(WAITING_FOR_FAILURE)
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .intermediateCatchEvent("Event_SandboxFailed").message("SandboxFailed")
        .userTask("Task_LookIntoFailure")
        .endEvent()
        .done());
    return runtimeService.startProcessInstanceByKey(WAITING_FOR_FAILURE, partnerKey, vars("sandboxId", sandboxId))
        .getId();
  }

  /** A step in a job of its own, then the wait, which delivers what came early once it committed. */
  private String startWaitingAfterAStep(String partnerKey, String sandboxId) {
    deployOnce(repositoryService, org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(WAIT_AFTER_A_STEP)
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("Task_Prepare").camundaAsyncBefore().camundaExpression("${true}")
        .intermediateCatchEvent("Event_SandboxReady").message("SandboxReady")
          .camundaExecutionListenerDelegateExpression("start", "${deliverPendingPartnerEvents}")
        .userTask("Task_UseSandbox")
        .endEvent()
        .done());
    return runtimeService.startProcessInstanceByKey(WAIT_AFTER_A_STEP, partnerKey, vars("sandboxId", sandboxId))
        .getId();
  }

  private boolean passed(String instanceId, String activityId) {
    return historyService.createHistoricActivityInstanceQuery().processInstanceId(instanceId).activityId(activityId)
        .finished().count() > 0;
  }

  private static String failed(String eventId, String sandboxId, String reason) {
    return "{\"eventId\":\"" + eventId + "\",\"type\":\"sandbox.failed\",\"occurredAt\":\"" + Instant.now()
        + "\",\"data\":{\"sandboxId\":\"" + sandboxId + "\",\"reason\":\"" + reason + "\"}}";
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
