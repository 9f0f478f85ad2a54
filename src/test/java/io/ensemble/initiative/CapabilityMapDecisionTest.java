package io.ensemble.initiative;

import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.support.DmnTable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code dmn/capability-map.dmn}: COLLECT; every rule, every goal and offering kind, the article's cases. */
class CapabilityMapDecisionTest {

  static final DmnTable TABLE = DmnTable.load("capability-map");

  static DmnTable.Evaluation evaluate(GoalMetric goal, OfferingKind kind) {
    return TABLE.evaluate(Map.of("goalMetric", goal.name(), "offeringKind", kind.name()));
  }

  static List<String> capabilities(GoalMetric goal, OfferingKind kind) {
    return evaluate(goal, kind).result().collectEntries("capability");
  }

  @Test
  void everyGoalAndOfferingKindNeedsSomeCapabilitiesAndTogetherTheyHitEveryRule() {
    Set<String> hit = new HashSet<>();
    for (GoalMetric goal : GoalMetric.values()) {
      for (OfferingKind kind : OfferingKind.values()) {
        DmnTable.Evaluation evaluation = evaluate(goal, kind);
        assertThat(evaluation.result()).as("%s / %s", goal, kind).isNotEmpty();
        assertThat(evaluation.result().<String>collectEntries("capability")).doesNotHaveDuplicates();
        hit.addAll(evaluation.matchedRules());
      }
    }
    assertThat(hit).containsExactlyInAnyOrderElementsOf(TABLE.ruleIds());
  }

  @Test
  void telemetryInsightProductNeedsApisPrivacyAnalyticsAndTieredBilling() {
    assertThat(capabilities(GoalMetric.NEW_REVENUE, OfferingKind.DATA_PRODUCT)).containsExactlyInAnyOrder(
        "API_STANDARDISATION", "PRIVACY_SAFEGUARDS", "ANALYTICS", "SUBSCRIPTION_BILLING");
  }

  @Test
  void churnProgrammeNeedsMarketingAutomationACloudDataPlatformAndAnIntegrator() {
    assertThat(capabilities(GoalMetric.CHURN_REDUCTION, OfferingKind.CUSTOMER_ENGAGEMENT)).containsExactlyInAnyOrder(
        "MARKETING_AUTOMATION", "CLOUD_DATA_PLATFORM", "SYSTEM_INTEGRATION");
  }

  @Test
  void monthEndCloseNeedsRpaDocumentAiAndProcessRedesign() {
    assertThat(capabilities(GoalMetric.COST_EFFICIENCY, OfferingKind.PROCESS_AUTOMATION)).containsExactlyInAnyOrder(
        "ROBOTIC_PROCESS_AUTOMATION", "DOCUMENT_AI", "PROCESS_REDESIGN");
  }

  @Test
  void newVerticalNeedsEngineeringScaleACloudPlatformAndDomainIntegration() {
    assertThat(capabilities(GoalMetric.TIME_TO_MARKET, OfferingKind.VERTICAL_SOLUTION)).containsExactlyInAnyOrder(
        "ENGINEERING_SCALE", "CLOUD_PLATFORM", "DOMAIN_INTEGRATION");
  }
}
