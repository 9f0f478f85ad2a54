package io.ensemble.partnerapi;

import io.ensemble.partnerapi.client.ConformanceReport;
import io.ensemble.partnerapi.client.PartnerApiClient;
import io.ensemble.partnerapi.client.PartnerCall;
import io.ensemble.partnerapi.client.PartnerCallException;
import io.ensemble.partnerapi.client.PartnerCallLog;
import io.ensemble.partnerapi.client.PartnerCallLogRepository;
import io.ensemble.partnerapi.events.PartnerEvent;
import io.ensemble.partnerapi.events.PartnerEventRepository;

import static io.ensemble.partnerapi.PartnerApiTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ensemble.partner.PartnerRepository;
import io.ensemble.partner.PartnerStatus;
import io.ensemble.partnerapi.sandbox.DemoPartners;
import io.ensemble.partnerapi.sandbox.SandboxBehaviour;
import io.ensemble.partnerapi.sandbox.SandboxPartner;
import io.ensemble.partnerapi.sandbox.SandboxPartnerLedger;
import io.ensemble.security.DemoUsers;
import io.ensemble.security.EnsembleGroup;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Processes against the sandbox partner over real HTTP: a sandbox is provisioned and its signed callback reaches
 * the waiting process (also when it comes early), a lost answer causes no second effect, a refused template is a
 * BPMN error. The demo partners of the four cases are seeded and answer.
 */
@PartnerApiTest
class SandboxPartnerTest {

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired PartnerRepository partners;
  @Autowired PartnerEventRepository inbox;
  @Autowired PartnerCallLogRepository callLog;
  @Autowired SandboxPartner sandbox;
  @Autowired SandboxPartnerLedger ledger;
  @Autowired PartnerApiClient client;
  @Autowired DemoPartners demoPartners;

  @BeforeEach
  void deploy() {
    deployProbes(repositoryService);
  }

  @Test
  void provisionedSandboxReportsReadyAndTheWaitingProcessContinues() {
    String partnerKey = sandboxPartner("sbx-ready", Map.of("callbackDelayMillis", 0));
    String instanceId = startSandboxProbe(partnerKey, "standard-eu");

    managementService.executeJob(job(managementService, instanceId).getId()); // provision, then wait

    await().atMost(Duration.ofSeconds(10)).until(() -> ended(instanceId));
    assertThat(passed(instanceId, "EndEvent_SandboxUsable")).isTrue();
    assertThat(ledger.count(partnerKey, "provisionSandbox")).isEqualTo(1);
    assertThat(inbox.findAll()).filteredOn(e -> e.getPartnerKey().equals(partnerKey))
        .singleElement().extracting(PartnerEvent::getStatus).isEqualTo(PartnerEvent.Status.DELIVERED);
  }

  @Test
  void eventThatBeatsTheCommitOfTheProvisioningStepIsDeliveredOnceTheProcessWaits() {
    String partnerKey = sandboxPartner("sbx-early", Map.of("sandboxOutcome", "SILENT"));
    String instanceId = runtimeService.startProcessInstanceByKey(SANDBOX_PROBE, partnerKey,
        vars("partnerKey", partnerKey, "templateId", "standard-eu", "callBackEarly", true)).getId();

    // the partner calls back while the provisioning step has not committed: nobody waits yet, the event is kept
    managementService.executeJob(job(managementService, instanceId).getId());

    PartnerEvent early = inbox.findAll().stream().filter(e -> e.getPartnerKey().equals(partnerKey)).findFirst()
        .orElseThrow();
    assertThat(early.getReceivedAt()).isNotNull();
    // delivered by the commit of the step that created the wait (the sweep runs once an hour in these tests)
    await().atMost(Duration.ofSeconds(10)).until(() -> ended(instanceId));
    assertThat(inbox.findById(early.getId()).orElseThrow().getStatus()).isEqualTo(PartnerEvent.Status.DELIVERED);
  }

  @Test
  void eventArrivingWhileTheProcessWaitsIsDeliveredAtOnce() {
    String partnerKey = sandboxPartner("sbx-waiting", Map.of("sandboxOutcome", "SILENT"));
    String instanceId = startSandboxProbe(partnerKey, "standard-eu");
    managementService.executeJob(job(managementService, instanceId).getId());
    String sandboxId = (String) runtimeService.getVariable(instanceId, "sandboxId");

    sandbox.sendEvent(partnerKey, "sandbox.ready", Map.of("sandboxId", sandboxId));

    assertThat(ended(instanceId)).isTrue();
  }

  @Test
  void answerLostOnTheWayIsRetriedWithTheSameKeyAndThePartnerActsOnce() {
    String partnerKey = sandboxPartner("sbx-lost-answer",
        Map.of("sandboxOutcome", "SILENT", "latencyMillis", 3000)); // longer than the client's read timeout
    String instanceId = startSandboxProbe(partnerKey, "standard-eu");
    String jobId = job(managementService, instanceId).getId();

    assertThatThrownBy(() -> managementService.executeJob(job(managementService, instanceId).getId()))
        .isInstanceOf(PartnerCallException.class).hasMessageContaining("no answer within");
    assertThat(ledger.count(partnerKey, "provisionSandbox")).isEqualTo(1);

    sandbox.changeBehaviour(partnerKey, Map.of("latencyMillis", 0));
    managementService.executeJob(job(managementService, instanceId).getId());

    assertThat(ledger.requests(partnerKey, "provisionSandbox")).isEqualTo(2);
    assertThat(ledger.count(partnerKey, "provisionSandbox")).isEqualTo(1);
    assertThat(runtimeService.getVariable(instanceId, "sandboxId"))
        .isEqualTo(ledger.effects(partnerKey).get(0).subject());
    String key = instanceId + ":" + jobId;
    assertThat(ledger.effects(partnerKey).get(0).idempotencyKey()).isEqualTo(key);
    assertThat(callLog.findByIdempotencyKeyOrderByIdAsc(key)).extracting(PartnerCallLog::getOutcome)
        .containsExactly(PartnerCallLog.Outcome.FAILED, PartnerCallLog.Outcome.SUCCESS);
  }

  @Test
  void unsupportedTemplateIsASandboxRejection() {
    String partnerKey = sandboxPartner("sbx-refusing", Map.of());
    String instanceId = startSandboxProbe(partnerKey, "unsupported");

    managementService.executeJob(job(managementService, instanceId).getId());

    assertThat(passed(instanceId, "EndEvent_SandboxRejected")).isTrue();
    assertThat(ledger.count(partnerKey, "provisionSandbox")).isZero();
  }

  @Test
  void injectedFaultsHaveNoEffect() {
    String partnerKey = sandboxPartner("sbx-faulty", Map.of("failWith", 500));
    PartnerCall call = PartnerCall.of(partnerKey, "faulty-1");

    assertThatThrownBy(() -> client.notify(call, "APPROVED", "Welcome"))
        .isInstanceOf(PartnerCallException.class).hasMessageContaining("HTTP status 500");
    assertThat(ledger.requests(partnerKey, "notify")).isEqualTo(1);
    assertThat(ledger.count(partnerKey, "notify")).isZero();

    sandbox.changeBehaviour(partnerKey, java.util.Collections.singletonMap("failWith", null));
    client.notify(call, "APPROVED", "Welcome");
    client.notify(call, "APPROVED", "Welcome");
    assertThat(ledger.count(partnerKey, "notify")).isEqualTo(1);
  }

  @Test
  void demoPartnersOfTheFourCasesAreSeededAndAnswerOverHttp() {
    for (DemoPartners.DemoPartner demo : DemoPartners.PARTNERS) {
      var partner = partners.findById(demo.key()).orElseThrow();
      assertThat(partner.getStatus()).isEqualTo(PartnerStatus.ACTIVE);
      assertThat(partner.getApiBaseUrl()).isEqualTo("http://localhost:" + port + "/sandbox-partners/" + demo.key());
    }
    long before = partners.count();
    demoPartners.onStarted(null);
    assertThat(partners.count()).isEqualTo(before);

    ConformanceReport report = client.conformance(PartnerCall.of("meshgate", "demo-conformance-1"));
    assertThat(report.conformant()).isTrue();
    assertThat(report.dataGovernance().certifications()).contains("ISO27001");
    assertThat(client.pilotMetrics(PartnerCall.of("documind", "demo-metrics-1"), "pilot-1").kpis()).isNotEmpty();
  }

  @Test
  void behaviourCanBeConfiguredPerPartnerKey() {
    assertThat(sandbox.behaviour("sbx-configured").conformant()).isFalse();
    assertThat(sandbox.behaviour("sbx-configured").latencyMillis()).isEqualTo(25);
    assertThat(sandbox.behaviour("sbx-configured").sandboxOutcome()).isEqualTo(SandboxBehaviour.SandboxOutcome.READY);
    partner(partners, "sbx-configured", "http://localhost:" + port + "/sandbox-partners/sbx-configured");

    ConformanceReport report = client.conformance(PartnerCall.of("sbx-configured", "configured-1"));

    assertThat(report.conformant()).isFalse();
    assertThat(report.problems()).isNotEmpty();
  }

  @Test
  void behaviourAndLedgerAreForAdministratorsOnly() {
    String url = "/sandbox-partners/sbx-admin/behaviour";
    var change = new HttpEntity<>(Map.of("latencyMillis", 5));
    assertThat(rest.exchange(url, HttpMethod.PUT, change, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    var amira = DemoUsers.of(EnsembleGroup.ALLIANCE_MANAGERS);
    assertThat(rest.withBasicAuth(amira.id(), amira.password()).exchange(url, HttpMethod.PUT, change, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    var admin = rest.withBasicAuth(DemoUsers.DEMO_ADMIN, DemoUsers.DEMO_ADMIN_PASSWORD);
    assertThat(admin.exchange(url, HttpMethod.PUT, change, Map.class).getBody()).containsEntry("latencyMillis", 5);
    assertThat(admin.getForEntity("/sandbox-partners/sbx-admin/ledger", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(rest.getForEntity("/sandbox-partners/sbx-admin/v1/conformance", Map.class).getBody())
        .containsEntry("conformant", true);
  }

  private String sandboxPartner(String partnerKey, Map<String, Object> behaviour) {
    partner(partners, partnerKey, "http://localhost:" + port + "/sandbox-partners/" + partnerKey);
    ledger.reset(partnerKey);
    sandbox.changeBehaviour(partnerKey, behaviour);
    return partnerKey;
  }

  private String startSandboxProbe(String partnerKey, String templateId) {
    return runtimeService.startProcessInstanceByKey(SANDBOX_PROBE, partnerKey,
        vars("partnerKey", partnerKey, "templateId", templateId)).getId();
  }

  private boolean ended(String instanceId) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count() == 0;
  }

  private boolean passed(String instanceId, String activityId) {
    return historyService.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
        .activityId(activityId).count() == 1;
  }
}
