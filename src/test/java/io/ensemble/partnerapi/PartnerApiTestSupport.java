package io.ensemble.partnerapi;

import io.ensemble.partnerapi.client.ConformanceReport;
import io.ensemble.partnerapi.client.PartnerApiClient;
import io.ensemble.partnerapi.client.PartnerCall;
import io.ensemble.partnerapi.client.SandboxProvisioning;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partner.PartnerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Shared pieces of the Partner API tests: a WireMock partner, the probe processes, job driving. */
final class PartnerApiTestSupport {

  static final String CONFORMANCE_PROBE = "partner-api-conformance-probe";
  static final String SANDBOX_PROBE = "partner-api-sandbox-probe";
  static final String TASK_CHECK_CONFORMANCE = "Task_CheckConformance";
  static final String TASK_PROVISION_SANDBOX = "Task_ProvisionSandbox";
  static final String EVENT_SANDBOX_READY = "Event_SandboxReady";

  /** System property holding the WireMock partner's base URL, for the egress allow-list of {@link PartnerApiTest}. */
  static final String WIREMOCK_URL = "ensemble.test.wiremock-url";

  private static WireMockServer wireMock;

  private PartnerApiTestSupport() {}

  /** One WireMock server for the whole test JVM; each test uses partner keys of its own as path prefixes. */
  static synchronized WireMockServer wireMock() {
    if (wireMock == null) {
      wireMock = new WireMockServer(wireMockConfig().dynamicPort());
      wireMock.start();
      Runtime.getRuntime().addShutdownHook(new Thread(wireMock::stop));
      warmUp(wireMock);
      System.setProperty(WIREMOCK_URL, wireMock.baseUrl());
    }
    return wireMock;
  }

  /** A cold WireMock can take longer than the tests' short read timeout to answer its first request. */
  private static void warmUp(WireMockServer server) {
    var http = java.net.http.HttpClient.newHttpClient();
    for (int i = 0; i < 3; i++) {
      try {
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/__admin/health"))
            .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
      } catch (Exception e) {
        throw new IllegalStateException("WireMock does not answer", e);
      }
    }
  }

  /** A partner served by WireMock under {@code /<partnerKey>/v1/...}. */
  static Partner wireMockPartner(PartnerRepository partners, String partnerKey) {
    return partner(partners, partnerKey, wireMock().baseUrl() + "/" + partnerKey);
  }

  /** A partner being onboarded: its sandbox callbacks are expected. */
  static Partner partner(PartnerRepository partners, String partnerKey, String apiBaseUrl) {
    Partner partner = partners.findById(partnerKey).orElseGet(() ->
        new Partner(partnerKey, "Test partner " + partnerKey, "ISV", apiBaseUrl, PartnerStatus.ONBOARDING));
    partner.setStatus(PartnerStatus.ONBOARDING);
    partner.setApiBaseUrl(apiBaseUrl);
    partner.setCredentialRef("ensemble.partner-api.credentials.sandbox");
    return partners.save(partner);
  }

  static synchronized void deployProbes(RepositoryService repositoryService) {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(CONFORMANCE_PROBE).count() == 0) {
      repositoryService.createDeployment().name("partner-api-test-probes")
          .addClasspathResource("bpmn-test/" + CONFORMANCE_PROBE + ".bpmn")
          .addClasspathResource("bpmn-test/" + SANDBOX_PROBE + ".bpmn")
          .deploy();
    }
  }

  /** Deploys a test-only process unless a definition with its key exists (the Spring context outlives a test). */
  static synchronized void deployOnce(RepositoryService repositoryService, BpmnModelInstance process) {
    String key = process.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
        .iterator().next().getId();
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count() == 0) {
      repositoryService.createDeployment().addModelInstance(key + ".bpmn", process).deploy();
    }
  }

  static Job job(ManagementService managementService, String processInstanceId) {
    return managementService.createJobQuery().processInstanceId(processInstanceId).singleResult();
  }

  /** Executes the instance's job until it succeeds or its retries are used up; returns the failures. */
  static List<Exception> executeUntilIncident(ManagementService managementService, String processInstanceId) {
    List<Exception> failures = new ArrayList<>();
    Job job = job(managementService, processInstanceId);
    while (job != null && job.getRetries() > 0) {
      try {
        managementService.executeJob(job.getId());
      } catch (Exception e) {
        failures.add(e);
      }
      job = job(managementService, processInstanceId);
      if (failures.size() > 10) {
        throw new IllegalStateException("job keeps being retried");
      }
    }
    return failures;
  }

  static Map<String, Object> vars(Object... keysAndValues) {
    Map<String, Object> map = new java.util.HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** Thin delegates of the probe processes, as a real model's delegates would be. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Processes {

    @Bean
    JavaDelegate conformanceProbe(PartnerApiClient client) {
      return execution -> {
        ConformanceReport report = client.conformance(
            PartnerCall.of(execution, (String) execution.getVariable("partnerKey")));
        Integer checks = (Integer) execution.getVariable("checks");
        execution.setVariable("checks", checks == null ? 1 : checks + 1);
        execution.setVariable("conformant", report.conformant());
      };
    }

    @Bean
    JavaDelegate notifyProbe(PartnerApiClient client) {
      return execution -> client.notify(PartnerCall.of(execution, (String) execution.getVariable("partnerKey")),
          "APPROVED", "Welcome");
    }

    /**
     * Provisions a sandbox; with {@code callBackEarly} the partner's {@code sandbox.ready} arrives while this step's
     * transaction is still open, before the process waits (the race every real callback may win).
     */
    @Bean
    JavaDelegate sandboxProbe(PartnerApiClient client, io.ensemble.partnerapi.sandbox.SandboxPartner sandboxPartner) {
      return execution -> {
        String partnerKey = (String) execution.getVariable("partnerKey");
        SandboxProvisioning sandbox = client.provisionSandbox(PartnerCall.of(execution, partnerKey),
            (String) execution.getVariable("templateId"));
        execution.setVariable("sandboxId", sandbox.sandboxId());
        if (Boolean.TRUE.equals(execution.getVariable("callBackEarly"))) {
          sandboxPartner.sendEvent(partnerKey, "sandbox.ready", Map.of("sandboxId", sandbox.sandboxId()));
        }
      };
    }
  }
}
