package io.ensemble.browser;

import static io.ensemble.support.Rest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ensemble.launch.JointLaunchProcess;
import io.ensemble.support.Rest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;

/**
 * Finance approves a joint offer's pricing and revenue shares in Tasklist, in a real browser against the running
 * application (demo profile, job executor on, the demo partners answering over real HTTP). Screenshots go to
 * {@code target/journeys/joint-launch/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true", "camunda.bpm.job-execution.max-wait=2000"})
@ActiveProfiles("demo")
class JointLaunchJourneyIT {

  static final String OFFER = "health-vertical-journey";
  static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension
  static BrowserExtension browserExtension = new BrowserExtension("joint-launch");

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;

  @Test
  void financeApprovesPricingAndSharesInTasklist() {
    String body = """
        {"variables": {"offerKey": {"value": "%s"}, "offerName": {"value": "Health vertical launch"},
          "lineUp": {"value": "[{\\"partnerKey\\":\\"verity-health-si\\",\\"role\\":\\"LEAD_INTEGRATOR\\"},{\\"partnerKey\\":\\"nimbus-cloud\\",\\"role\\":\\"PLATFORM_PROVIDER\\"},{\\"partnerKey\\":\\"orbis-delivery\\",\\"role\\":\\"DELIVERY_PARTNER\\"}]"},
          "goalMetric": {"value": "TIME_TO_MARKET"}, "outcomeMeasurable": {"value": false},
          "usagePredictability": {"value": "MEDIUM"}, "customerSegment": {"value": "ENTERPRISE"},
          "dataProduct": {"value": false},
          "priceBook": {"value": "[{\\"sku\\":\\"HV-CORE\\",\\"description\\":\\"Clinical workflow core\\",\\"unit\\":\\"month\\",\\"price\\":12500.00,\\"currency\\":\\"EUR\\"}]"},
          "slaTerms": {"value": "[\\"99.9 %% monthly availability\\"]"},
          "targetLaunchDate": {"value": "%s"}}}
        """.formatted(OFFER, LocalDate.now(ZoneOffset.UTC).plusDays(45));
    assertThat(Rest.as(rest, "amira").exchange("/engine-rest/process-definition/key/joint-launch/start",
        HttpMethod.POST, json(body), Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    await().atMost(PATIENCE).until(() -> Rest.as(rest, "fiona").getForObject("/engine-rest/task?"
        + "processInstanceBusinessKey=" + OFFER + "&taskDefinitionKey=" + JointLaunchProcess.Activity.APPROVE_PRICING,
        List.class), tasks -> tasks != null && tasks.size() == 1);

    Browser browser = browserExtension.browser();
    Tasklist tasklist = new Tasklist(browser, "http://localhost:" + port);
    tasklist.logInAs("fiona");
    tasklist.openFilter("Finance tasks");
    tasklist.openTask("Approve pricing and shares");
    tasklist.claim();
    CamundaForm form = tasklist.form();
    assertThat(form.text()).contains("Health vertical launch", "REVENUE_SHARE", "verity-health-si", "nimbus-cloud",
        "orbis-delivery", "HV-CORE", "99.9 % monthly availability");
    browser.screenshot("pricing-approval-form");
    form.choose("Your decision", "Approve");
    browser.screenshot("pricing-approved");
    tasklist.complete();

    Map<String, Object> offer = await().atMost(PATIENCE).until(
        () -> Rest.as(rest, "fiona").getForObject("/api/offers/" + OFFER, Map.class),
        o -> "APPROVE".equals(((Map<?, ?>) o.get("pricing")).get("financeDecision")));
    assertThat(offer.get("status")).isIn("APPROVED", "LAUNCHED", "SETTLING");
    assertThat(((Map<?, ?>) offer.get("pricing")).get("pricingModel")).isEqualTo("REVENUE_SHARE");
    assertThat(Rest.as(rest, "sofia").getForObject("/engine-rest/task?processInstanceBusinessKey=" + OFFER
        + "&taskDefinitionKey=" + JointLaunchProcess.Activity.PLAN_CO_SELLING, List.class)).hasSize(1);
  }
}
