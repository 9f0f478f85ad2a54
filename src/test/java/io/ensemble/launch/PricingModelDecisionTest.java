package io.ensemble.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.support.DmnTable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code dmn/pricing-model.dmn}: UNIQUE, complete; every rule, the whole input domain, the article's cases. */
class PricingModelDecisionTest {

  static final DmnTable TABLE = DmnTable.load("pricing-model");

  static final List<String> GOALS = List.of("NEW_REVENUE", "CHURN_REDUCTION", "TIME_TO_MARKET", "COST_EFFICIENCY");
  static final List<String> PREDICTABILITY = List.of("LOW", "MEDIUM", "HIGH");
  static final List<String> SEGMENTS = List.of("SMB", "MIDMARKET", "ENTERPRISE");
  /** Both sides of the table's only number boundary (2 partners) and the extremes. */
  static final List<Integer> PARTNER_COUNTS = List.of(0, 1, 2, 3, 8);

  static Map<String, Object> inputs(String goal, boolean measurable, String predictability, int partners,
      String segment, boolean dataProduct) {
    return Map.of("goalMetric", goal, "outcomeMeasurable", measurable, "usagePredictability", predictability,
        "partnerCount", partners, "customerSegment", segment, "dataProduct", dataProduct);
  }

  static Stream<Arguments> oneExamplePerRule() {
    return Stream.of(
        Arguments.of("Rule_DataProductTiered", inputs("NEW_REVENUE", false, "HIGH", 1, "ENTERPRISE", true), "TIERED_SUBSCRIPTION"),
        Arguments.of("Rule_JointGrowthRevenueShare", inputs("TIME_TO_MARKET", false, "MEDIUM", 3, "ENTERPRISE", false), "REVENUE_SHARE"),
        Arguments.of("Rule_SoloGrowthUnpredictableUsage", inputs("NEW_REVENUE", true, "LOW", 1, "SMB", false), "USAGE_BASED"),
        Arguments.of("Rule_SoloGrowthPredictableUsage", inputs("NEW_REVENUE", false, "HIGH", 0, "MIDMARKET", false), "TIERED_SUBSCRIPTION"),
        Arguments.of("Rule_MeasurableOutcome", inputs("CHURN_REDUCTION", true, "MEDIUM", 3, "ENTERPRISE", false), "OUTCOME_BASED"),
        Arguments.of("Rule_UnmeasurableOutcomeVariableUsage", inputs("COST_EFFICIENCY", false, "MEDIUM", 3, "MIDMARKET", false), "USAGE_BASED"),
        Arguments.of("Rule_UnmeasurableOutcomeSteadyUsage", inputs("CHURN_REDUCTION", false, "HIGH", 2, "ENTERPRISE", false), "TIERED_SUBSCRIPTION"),
        Arguments.of("Rule_SmallBuyerVariableUsage", inputs("COST_EFFICIENCY", true, "LOW", 1, "SMB", false), "USAGE_BASED"),
        Arguments.of("Rule_SmallBuyerSteadyUsage", inputs("CHURN_REDUCTION", true, "HIGH", 2, "SMB", false), "TIERED_SUBSCRIPTION"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneExamplePerRule")
  void eachRuleDecidesItsModel(String rule, Map<String, Object> inputs, String expectedModel) {
    DmnTable.Evaluation evaluation = TABLE.evaluate(inputs);

    assertThat(evaluation.matchedRules()).containsExactly(rule);
    assertThat(evaluation.result().getSingleResult().<String>getEntry("pricingModel")).isEqualTo(expectedModel);
    assertThat(evaluation.result().getSingleResult().<String>getEntry("rationale")).isNotBlank().endsWith(".");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theExamplesHitEveryRule() {
    assertThat(TABLE.rulesHitBy(oneExamplePerRule().map(args -> (Map<String, Object>) args.get()[1])))
        .containsExactlyInAnyOrderElementsOf(TABLE.ruleIds());
  }

  @Test
  void everyCombinationOfInputsMatchesExactlyOneRule() {
    Set<String> hit = new HashSet<>();
    int combinations = 0;
    for (String goal : GOALS) {
      for (boolean measurable : List.of(true, false)) {
        for (String predictability : PREDICTABILITY) {
          for (int partners : PARTNER_COUNTS) {
            for (String segment : SEGMENTS) {
              for (boolean dataProduct : List.of(true, false)) {
                var inputs = inputs(goal, measurable, predictability, partners, segment, dataProduct);
                DmnTable.Evaluation evaluation = TABLE.evaluate(inputs);
                assertThat(evaluation.matchedRules()).as("rules for %s", inputs).hasSize(1);
                assertThat(evaluation.result()).as("result for %s", inputs).hasSize(1);
                hit.addAll(evaluation.matchedRules());
                combinations++;
              }
            }
          }
        }
      }
    }
    assertThat(combinations).isEqualTo(4 * 2 * 3 * 5 * 3 * 2);
    assertThat(hit).containsExactlyInAnyOrderElementsOf(TABLE.ruleIds());
  }

  // The article's four cases (DESIGN.md §1), as a reader of the article would price them.

  @Test
  void telemetryInsightProductIsTieredSubscription() {
    // product telemetry packaged as an insight product, upsold to the company's own customers
    assertThat(decide(inputs("NEW_REVENUE", false, "HIGH", 1, "ENTERPRISE", true)).<String>getEntry("pricingModel"))
        .isEqualTo("TIERED_SUBSCRIPTION");
  }

  @Test
  void churnProgrammeAroundOneCustomerGraphIsOutcomeBased() {
    // churn is measured and attributable to the unified customer graph; three partners, enterprise buyer
    assertThat(decide(inputs("CHURN_REDUCTION", true, "MEDIUM", 3, "ENTERPRISE", false)).<String>getEntry("pricingModel"))
        .isEqualTo("OUTCOME_BASED");
  }

  @Test
  void monthEndClosePilotIsUsageBased() {
    // a mid-sized hardware company; document volumes vary from close to close; savings not attributable per partner
    assertThat(decide(inputs("COST_EFFICIENCY", false, "MEDIUM", 3, "MIDMARKET", false)).<String>getEntry("pricingModel"))
        .isEqualTo("USAGE_BASED");
  }

  @Test
  void newVerticalLaunchedWithThreePartnersIsRevenueShare() {
    // global delivery partner, cloud provider and domain integrator go to market together
    assertThat(decide(inputs("TIME_TO_MARKET", false, "MEDIUM", 3, "ENTERPRISE", false)).<String>getEntry("pricingModel"))
        .isEqualTo("REVENUE_SHARE");
  }

  private static DmnDecisionResultEntries decide(Map<String, Object> inputs) {
    return TABLE.evaluate(inputs).result().getSingleResult();
  }
}
