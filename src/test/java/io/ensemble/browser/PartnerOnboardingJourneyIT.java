package io.ensemble.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.ensemble.onboarding.PartnerOnboardingProcess;
import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partner.PartnerStatus;
import io.ensemble.security.DemoUsers;
import io.ensemble.security.EnsembleGroup;
import io.ensemble.support.Rest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;

/**
 * Partner onboarding as the people who do it see it, in a real browser against the running application
 * (demo profile, job executor on, the built-in sandbox partner answering over real HTTP). The steps are one
 * story and run in order; each saves screenshots under {@code target/journeys/partner-onboarding/}, and a
 * failing step leaves {@code FAILED-<step>.png} there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    // an idle job executor looks for due jobs at least every 2 s (default: up to 60 s), e.g. after a retry
    "camunda.bpm.job-execution.max-wait=2000"})
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartnerOnboardingJourneyIT {

  static final String PROCESS = PartnerOnboardingProcess.KEY;
  static final String PROCESS_NAME = "Partner onboarding";
  static final String PARTNER_KEY_VARIABLE = PartnerOnboardingProcess.Var.PARTNER_KEY;
  /** A new partner that will handle personal data: every review applies, then a data-sharing agreement. */
  static final String PARTNER_KEY = "aurora-insights";
  static final String PARTNER_NAME = "Aurora Insights";
  /** A low-risk partner whose Partner API goes down while it is being onboarded. */
  static final String FAILING_PARTNER_KEY = "lumen-metrics";
  static final String FAILING_PARTNER_NAME = "Lumen Metrics";
  static final Duration PATIENCE = Duration.ofSeconds(60);
  /** The review whose form the README shows. */
  static final String DOCS_REVIEW = "data-governance";

  @RegisterExtension
  static BrowserExtension browserExtension = new BrowserExtension("partner-onboarding");

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired PartnerRepository partners;

  Browser browser;
  Tasklist tasklist;
  Cockpit cockpit;
  Admin admin;

  String base() {
    return "http://localhost:" + port;
  }

  String sandboxUrl(String partnerKey) {
    return base() + "/sandbox-partners/" + partnerKey;
  }

  @BeforeEach
  void openBrowser() {
    if (browser == null) {
      browser = browserExtension.browser();
      tasklist = new Tasklist(browser, base());
      cockpit = new Cockpit(browser, base());
      admin = new Admin(browser, base());
    }
  }

  /** The review story's steps build on each other: once one failed, the later ones are skipped. */
  void earlierStepsPassed() {
    assumeFalse(browserExtension.journeyBroken(), () -> "an earlier step failed: " + browserExtension.failedStep());
  }

  @Test
  @Order(1)
  void allianceManagerStartsAnOnboardingFromTasklist() {
    tasklist.logInAs("amira");
    CamundaForm start = tasklist.startProcess(PROCESS_NAME);
    start.type("Partner key", PARTNER_KEY)
        .type("Partner name", PARTNER_NAME)
        .choose("Partner type", "Data platform")
        .choose("Capabilities", "Analytics")
        .choose("Capabilities", "Privacy safeguards")
        .choose("Access to Ensemble data", "Personal data")
        .type("Jurisdiction", "DE")
        .type("Annual contract value (EUR)", "480000")
        .choose("Certifications", "ISO/IEC 27001")
        .type("Partner API base URL", sandboxUrl(PARTNER_KEY));
    browser.screenshot("start-form-filled");
    tasklist.submitStart();

    tasklist.awaitNotification("The process has been started");
    browser.screenshot("onboarding-started");
    // what amira may see of it over the API: her onboarding, running
    assertThat(Rest.as(rest, "amira").getForObject(
        "/engine-rest/process-instance?processDefinitionKey={key}&variables=partnerKey_eq_{partner}",
        List.class, PROCESS, PARTNER_KEY)).hasSize(1);
  }

  @Test
  @Order(2)
  void financeSeesNoneOfTheReviewTasks() {
    earlierStepsPassed();
    awaitTasks(3);
    tasklist.logInAs("fiona");
    assertThat(tasklist.filters()).contains("Finance tasks").doesNotContain("Security tasks", "Legal tasks");
    tasklist.openFilter("Finance tasks");
    assertThat(tasklist.tasks()).noneMatch(task -> task.contains(PARTNER_NAME));
    tasklist.openFilter("My tasks");
    assertThat(tasklist.tasks()).noneMatch(task -> task.contains(PARTNER_NAME));
    browser.screenshot("finance-sees-no-review");
    // not even with a link to one of them
    String legalReview = tasks("Legal review: " + PARTNER_NAME).get(0).getId();
    assertThat(tasklist.openTaskLink(legalReview)).isEmpty();
    assertThat(tasklist.notifications()).contains("No matching task with id " + legalReview);
    browser.screenshot("finance-cannot-open-a-review-by-link");
  }

  @Test
  @Order(3)
  void securityReviewerRefusesAnEmptyDecisionThenApproves() {
    review("sam", "Security tasks", "security", true);
  }

  @Test
  @Order(4)
  void dataGovernanceReviewerApproves() {
    review("dana", "Data governance tasks", "data-governance", false);
  }

  @Test
  @Order(5)
  void legalReviewerApproves() {
    review("leo", "Legal tasks", "legal", false);
  }

  @Test
  @Order(6)
  void sandboxIsReadyAndTheSignedAgreementActivatesThePartner() {
    earlierStepsPassed();
    String agreement = "Sign data-sharing agreement: " + PARTNER_NAME;
    // the sandbox partner calls back sandbox.ready on its own; the agreement task comes after it
    await().atMost(PATIENCE).until(() -> !tasks(agreement).isEmpty());
    tasklist.logInAs("dana").openFilter("Data governance tasks").openTask(agreement).claim();
    tasklist.form().check("The data-sharing agreement is signed", true)
        .type("Agreement reference", "DSA-2026-0042");
    browser.screenshot("agreement-signed");
    tasklist.complete();

    awaitActive(PARTNER_KEY, instanceOf(PARTNER_KEY));
    assertThat(partners.findById(PARTNER_KEY)).get().extracting(Partner::getStatus).isEqualTo(PartnerStatus.ACTIVE);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS)
        .variableValueEquals(PARTNER_KEY_VARIABLE, PARTNER_KEY).count()).isZero();
  }

  @Test
  @Order(7)
  void governanceOfficeSeesAFailingPartnerInCockpitAndRetriesOnceItRecovered() {
    changeSandbox(FAILING_PARTNER_KEY, "{\"failWith\": 503}");
    String instanceId = startOverRest(FAILING_PARTNER_KEY, FAILING_PARTNER_NAME);
    Job failing = awaitIncidentOfAFailingPartnerCall(instanceId);

    cockpit.logInAs("grace").openProcesses();
    assertThat(cockpit.brand()).isEqualTo("Ensemble Cockpit");
    assertThat(cockpit.showsEnsemblesMark()).isTrue();
    assertThat(cockpit.showsEndOfLifeBanner()).isFalse();
    assertThat(cockpit.runningInstances(PROCESS_NAME)).isPositive();
    assertThat(cockpit.incidents(PROCESS_NAME)).isPositive();
    browser.screenshot("cockpit-processes");
    cockpit.openProcess(PROCESS_NAME);
    cockpit.diagram();
    browser.screenshot("cockpit-onboarding-definition");
    cockpit.openInstance(instanceId).openTab("Incidents");
    List<String> messages = cockpit.incidentMessages();
    browser.screenshot("cockpit-incident");
    assertThat(messages).singleElement().asString()
        .contains(FAILING_PARTNER_KEY).containsIgnoringCase("conformance").contains("503");

    changeSandbox(FAILING_PARTNER_KEY, "{\"failWith\": null}");
    cockpit.retryIncident();
    browser.screenshot("cockpit-retried");

    awaitActive(FAILING_PARTNER_KEY, instanceId);
    assertThat(managementService.createJobQuery().jobId(failing.getId()).count()).isZero();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instanceId).count()).isZero();
  }

  @Test
  @Order(8)
  void adminCarriesEnsemblesNameAndMarkToo() {
    admin.logInAs(DemoUsers.DEMO_ADMIN, DemoUsers.DEMO_ADMIN_PASSWORD);
    assertThat(admin.brand()).isEqualTo("Ensemble Admin");
    assertThat(admin.showsEnsemblesMark()).isTrue();
    assertThat(admin.showsEndOfLifeBanner()).isFalse();
    assertThat(browser.driver().getTitle()).startsWith("Ensemble Admin");
    browser.screenshot("admin");
  }

  // --- steps shared by the reviewers

  void review(String reviewer, String filter, String group, boolean tryEmptyFirst) {
    earlierStepsPassed();
    String taskName = EnsembleGroup.displayNameOf(group) + " review: " + PARTNER_NAME;
    await().atMost(PATIENCE).until(() -> !tasks(taskName).isEmpty());
    tasklist.logInAs(reviewer);
    assertThat(tasklist.filters()).contains(filter);
    tasklist.openFilter(filter).openTask(taskName).claim();
    CamundaForm form = tasklist.form();
    assertThat(form.text()).contains(PARTNER_NAME, PARTNER_KEY, "DE")
        .as("codes read as words").contains("Data platform", "Personal data", "Risk tier: High",
            "Analytics, Privacy safeguards", "ISO/IEC 27001")
        .doesNotContain("DATA_PLATFORM", "PERSONAL", "HIGH", "PRIVACY_SAFEGUARDS", "ISO27001")
        .as("lists read as words, not JSON").doesNotContain("[\"");
    assertThat(tasklist.brand()).isEqualTo("Ensemble Tasklist");
    assertThat(tasklist.showsEnsemblesMark()).as("Ensemble's mark instead of Camunda's").isTrue();
    assertThat(tasklist.showsEndOfLifeBanner()).isFalse();
    browser.screenshot(group + "-review-form");
    if (tryEmptyFirst) {
      assertThat(tasklist.completeRefused()).containsExactly("Field is required.");
      browser.screenshot(group + "-review-refused-without-decision");
      assertThat(tasks(taskName)).as("the refused task is still open").hasSize(1);
    }
    form.choose("Your decision", "Approve");
    tasklist.dismissNotifications();
    browser.screenshot(group + "-review-decided");
    if (group.equals(DOCS_REVIEW)) {
      saveForDocs(browser.tallScreenshot(group + "-review-form-for-readme", 1040), "tasklist-review-form.png");
    }
    tasklist.complete();
    await().atMost(PATIENCE).until(() -> tasks(taskName).isEmpty());
  }

  // --- set-up and checks outside the browser

  List<Task> tasks(String name) {
    return taskService.createTaskQuery().processDefinitionKey(PROCESS).taskName(name).list();
  }

  void awaitTasks(int count) {
    await().atMost(PATIENCE).until(() -> taskService.createTaskQuery().processDefinitionKey(PROCESS)
        .processVariableValueEquals(PARTNER_KEY_VARIABLE, PARTNER_KEY).count() >= count);
  }

  String instanceOf(String partnerKey) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS)
        .variableValueEquals(PARTNER_KEY_VARIABLE, partnerKey).singleResult().getId();
  }

  void awaitActive(String partnerKey, String instanceId) {
    try {
      await().atMost(PATIENCE).until(() -> "ACTIVE".equals(partnerStatus(partnerKey)));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Partner " + partnerKey + " is " + partnerStatus(partnerKey) + ", not ACTIVE; "
          + whereIs(instanceId), e);
    }
  }

  String partnerStatus(String partnerKey) {
    Map<?, ?> partner = Rest.as(rest, "amira").getForObject("/api/partners/{key}", Map.class, partnerKey);
    return partner == null ? null : String.valueOf(partner.get("status"));
  }

  void changeSandbox(String partnerKey, String behaviour) {
    var admin = rest.withBasicAuth(DemoUsers.DEMO_ADMIN, DemoUsers.DEMO_ADMIN_PASSWORD);
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    var response = admin.exchange("/sandbox-partners/{key}/behaviour", HttpMethod.PUT,
        new HttpEntity<>(behaviour, headers), String.class, partnerKey);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  /** Another system starts an onboarding over REST: a low-risk partner, so no manual review. */
  String startOverRest(String partnerKey, String partnerName) {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String body = """
        {"variables": {
          "partnerKey": {"value": "%s"}, "partnerName": {"value": "%s"},
          "partnerType": {"value": "ISV"},
          "capabilities": {"value": "[\\"ANALYTICS\\"]"},
          "dataAccess": {"value": "NONE"}, "jurisdiction": {"value": "NL"},
          "annualContractValue": {"value": 20000, "type": "Long"},
          "certifications": {"value": "[\\"SOC2\\", \\"ISO27001\\"]"},
          "apiBaseUrl": {"value": "%s"}}}
        """.formatted(partnerKey, partnerName, sandboxUrl(partnerKey));
    var response = Rest.as(rest, "amira").exchange("/engine-rest/process-definition/key/{key}/start", HttpMethod.POST,
        new HttpEntity<>(body, headers), Map.class, PROCESS);
    assertThat(response.getStatusCode()).as("start: %s", response.getBody()).isEqualTo(HttpStatus.OK);
    return (String) response.getBody().get("id");
  }

  /**
   * Waits for the partner call to fail once, then spends the job's remaining retries at once (the model's
   * retry cycle spans more than an hour), so that the next failure becomes the incident Cockpit shows.
   */
  Job awaitIncidentOfAFailingPartnerCall(String instanceId) {
    Job job;
    try {
      job = await().atMost(PATIENCE).until(
          () -> managementService.createJobQuery().processInstanceId(instanceId).withException().singleResult(),
          j -> j != null);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("No failed partner call in " + whereIs(instanceId), e);
    }
    managementService.setJobRetries(job.getId(), 1);
    managementService.setJobDuedate(job.getId(), new Date());
    await().atMost(PATIENCE).until(() -> runtimeService.createIncidentQuery().processInstanceId(instanceId).count() == 1);
    return job;
  }

  /** Where an instance is, for failure messages: its active activities, or that it ended. */
  String whereIs(String instanceId) {
    if (runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count() == 0) {
      return "instance " + instanceId + " (ended at " + historyService.createHistoricActivityInstanceQuery()
          .processInstanceId(instanceId).orderByHistoricActivityInstanceEndTime().desc().list().stream()
          .findFirst().map(HistoricActivityInstance::getActivityId).orElse("?") + ")";
    }
    return "instance " + instanceId + " (at " + runtimeService.getActiveActivityIds(instanceId) + ")";
  }

  /** With {@code -Densemble.docs=<folder>} (the docs profile), keeps this screenshot for the README. */
  static void saveForDocs(Path screenshot, String name) {
    String docs = System.getProperty("ensemble.docs");
    if (docs != null) {
      try {
        Files.copy(screenshot, Path.of(docs).resolve(name), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
