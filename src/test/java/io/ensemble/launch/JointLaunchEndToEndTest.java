package io.ensemble.launch;

import static io.ensemble.support.Rest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ensemble.partnerapi.sandbox.SandboxPartnerLedger;
import io.ensemble.support.EmbeddedPostgresDatabase;
import io.ensemble.support.Rest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The article's four cases (DESIGN.md §1) launched end to end on PostgreSQL 17, over HTTP only, with the job
 * executor running against the demo partners (the sandbox partner, over real HTTP): each priced as the article
 * implies, approved by finance, co-sold, published and launched; the outcome-based case is settled for one period
 * (the engine clock moved past it) and then retired.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles({"demo", "postgres"})
@DirtiesContext // closed while PostgreSQL still runs
class JointLaunchEndToEndTest {

  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired TestRestTemplate rest;
  @Autowired SandboxPartnerLedger ledger;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void telemetryToRevenueIsATieredSubscriptionLaunched() {
    Map<String, Object> offer = launch("telemetry-insights", "NEW_REVENUE", false, "HIGH", "ENTERPRISE", true,
        List.of("meshgate", "LEAD_INTEGRATOR", "veilpoint", "CAPABILITY_VENDOR"), 90);
    assertThat(pricing(offer).get("pricingModel")).isEqualTo("TIERED_SUBSCRIPTION");
    assertThat(offer.get("status")).isEqualTo("LAUNCHED");
  }

  @Test
  void churnDownIsOutcomeBasedLaunchedSettledForAPeriodAndRetired() {
    Map<String, Object> offer = launch("churn-down", "CHURN_REDUCTION", true, "MEDIUM", "ENTERPRISE", false,
        List.of("keystone-integration", "LEAD_INTEGRATOR", "stratus-data", "PLATFORM_PROVIDER", "pulsereach",
            "CAPABILITY_VENDOR"), 60);
    assertThat(pricing(offer).get("pricingModel")).isEqualTo("OUTCOME_BASED");
    assertThat(offer.get("status")).isEqualTo("SETTLING");

    // the first settlement period ends: the engine's clock moves past it, the job executor fires the timer
    LocalDate launchedOn = LocalDate.parse((String) ((Map<?, ?>) offer.get("launch")).get("launchedOn"));
    ClockUtil.setCurrentTime(Date.from(launchedOn.plusMonths(1).atTime(1, 0).toInstant(java.time.ZoneOffset.UTC)));
    complete("churn-down", "Task_ConfirmRevenue", "fiona",
        "{\"periodRevenue\": {\"value\": 250000.10, \"type\": \"Double\"}}");
    complete("churn-down", "Task_ApproveStatement", "fiona", "{\"statementDecision\": {\"value\": \"APPROVE\"}}");
    Map<String, Object> settled = await().atMost(PATIENCE).until(() -> read("churn-down"),
        o -> !statements(o).isEmpty() && "SENT".equals(statements(o).get(0).get("status")));
    ClockUtil.reset();

    Map<String, Object> statement = statements(settled).get(0);
    List<Map<String, Object>> lines = (List<Map<String, Object>>) statement.get("lines");
    assertThat(lines).hasSize(3);
    assertThat(lines.stream().map(l -> new BigDecimal(l.get("payout").toString())).reduce(BigDecimal.ZERO,
        BigDecimal::add)).isEqualByComparingTo("250000.10");
    for (String partner : List.of("keystone-integration", "stratus-data", "pulsereach")) {
      assertThat(ledger.requests(partner, "settlementFigures")).as(partner).isPositive();
    }
    assertThat(Rest.as(rest, "fiona").exchange("/api/offers/churn-down/retirement", HttpMethod.POST, json("{}"),
        Map.class).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(read("churn-down").get("status")).isEqualTo("RETIRED");
  }

  @Test
  void monthEndCloseIsUsageBasedLaunched() {
    Map<String, Object> offer = launch("month-end-close", "COST_EFFICIENCY", false, "MEDIUM", "MIDMARKET", false,
        List.of("clearpath-consulting", "LEAD_INTEGRATOR", "botworks", "CAPABILITY_VENDOR", "documind",
            "CAPABILITY_VENDOR"), 45);
    assertThat(pricing(offer).get("pricingModel")).isEqualTo("USAGE_BASED");
    assertThat(offer.get("status")).isEqualTo("LAUNCHED");
  }

  @Test
  void newVerticalIsARevenueShareLaunchedAMonthEarly() {
    Map<String, Object> offer = launch("health-vertical", "TIME_TO_MARKET", false, "MEDIUM", "ENTERPRISE", false,
        List.of("verity-health-si", "LEAD_INTEGRATOR", "nimbus-cloud", "PLATFORM_PROVIDER", "orbis-delivery",
            "DELIVERY_PARTNER"), 31);
    assertThat(pricing(offer).get("pricingModel")).isEqualTo("REVENUE_SHARE");
    assertThat(((Map<?, ?>) offer.get("launch")).get("daysEarly")).isEqualTo(31);
    assertThat(offer.get("status")).isEqualTo("SETTLING");
  }

  /** Start over engine REST, finance approves, the go-to-market tasks are done: the offer as it reads launched. */
  private Map<String, Object> launch(String key, String goal, boolean measurable, String usage, String segment,
      boolean dataProduct, List<String> lineUp, int daysToTarget) {
    StringBuilder partners = new StringBuilder("[");
    for (int i = 0; i < lineUp.size(); i += 2) {
      partners.append(i == 0 ? "" : ",").append("{\\\"partnerKey\\\":\\\"").append(lineUp.get(i))
          .append("\\\",\\\"role\\\":\\\"").append(lineUp.get(i + 1)).append("\\\"}");
    }
    partners.append(']');
    String body = """
        {"businessKey": "%s", "variables": {"offerKey": {"value": "%s"}, "offerName": {"value": "Joint offer %s"},
          "lineUp": {"value": "%s"}, "goalMetric": {"value": "%s"}, "outcomeMeasurable": {"value": %s},
          "usagePredictability": {"value": "%s"}, "customerSegment": {"value": "%s"},
          "dataProduct": {"value": %s}, %s
          "priceBook": {"value": "[{\\"sku\\":\\"CORE\\",\\"description\\":\\"Core package\\",\\"unit\\":\\"month\\",\\"price\\":4900.00,\\"currency\\":\\"EUR\\"}]"},
          "slaTerms": {"value": "[\\"99.9 %% monthly availability\\"]"},
          "targetLaunchDate": {"value": "%s"}}}
        """.formatted(key, key, key, partners, goal, measurable, usage, segment, dataProduct,
        measurable ? "\"outcomeTarget\": {\"value\": 100},": "", LocalDate.now(java.time.ZoneOffset.UTC)
            .plusDays(daysToTarget));
    ResponseEntity<Map> started = Rest.as(rest, "amira").exchange(
        "/engine-rest/process-definition/key/joint-launch/start", HttpMethod.POST, json(body), Map.class);
    assertThat(started.getStatusCode()).as("%s", started.getBody()).isEqualTo(HttpStatus.OK);

    complete(key, "Task_ApprovePricing", "fiona", "{\"pricingDecision\": {\"value\": \"APPROVE\"}}");
    complete(key, "Task_ProvideCollateral", "amira", """
        {"collateralWhat": {"value": "Joint deck"}, "collateralWhere": {"value": "Partner portal"},
         "collateralApprovedBy": {"value": "Marketing"}}""");
    complete(key, "Task_PlanCoSelling", "sofia", """
        {"targetAccounts": {"value": "Top 20 accounts"}, "pipelineGoal": {"value": 1000000}}""");
    complete(key, "Task_SponsorOffer", "ethan", """
        {"ourSponsor": {"value": "Ethan Cole"}, "partnerSponsors": {"value": "Each partner's CRO"}}""");
    Map<String, Object> launched = await().atMost(PATIENCE).until(() -> read(key),
        o -> ((Map<?, ?>) o.get("launch")).get("launchedOn") != null);
    for (int i = 0; i < lineUp.size(); i += 2) {
      String partner = lineUp.get(i);
      assertThat(ledger.effects(partner)).extracting(SandboxPartnerLedger.Effect::operation)
          .contains("registerOpportunity", "publishOffer", "notify");
    }
    return launched;
  }

  /** Waits for the task (the job executor gets there) and completes it over engine REST as the user. */
  private void complete(String businessKey, String taskDefinitionKey, String user, String variables) {
    List<Map<String, Object>> tasks = await().atMost(PATIENCE).until(() -> (List<Map<String, Object>>) Rest.as(rest,
        user).getForObject("/engine-rest/task?processInstanceBusinessKey=" + businessKey + "&taskDefinitionKey="
        + taskDefinitionKey, List.class), list -> list != null && !list.isEmpty());
    ResponseEntity<Map> completed = Rest.as(rest, user).exchange("/engine-rest/task/" + tasks.get(0).get("id")
        + "/complete", HttpMethod.POST, json("{\"variables\": " + variables + "}"), Map.class);
    assertThat(completed.getStatusCode()).as("%s %s", taskDefinitionKey, completed.getBody())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  private Map<String, Object> read(String key) {
    return Rest.as(rest, "carlos").getForObject("/api/offers/" + key, Map.class);
  }

  private static Map<String, Object> pricing(Map<String, Object> offer) {
    return (Map<String, Object>) offer.get("pricing");
  }

  private static List<Map<String, Object>> statements(Map<String, Object> offer) {
    return (List<Map<String, Object>>) offer.get("statements");
  }
}
