package io.ensemble.initiative;

import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.support.DmnTable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code dmn/lead-integrator.dmn}: COLLECT, every matching rule adds points with a reason. Every rule, every
 * candidate profile, and the article's pattern as scores.
 */
class LeadIntegratorDecisionTest {

  static final DmnTable TABLE = DmnTable.load("lead-integrator");

  static final List<String> TYPES = List.of("CLOUD_PROVIDER", "DATA_PLATFORM", "SYSTEM_INTEGRATOR",
      "MARKETING_AUTOMATION", "RPA_VENDOR", "DOCUMENT_AI", "CONSULTANCY", "GLOBAL_DELIVERY", "ISV");

  static Map<String, Object> candidate(String type, boolean domain, String scale, boolean region, Boolean scaleNeeded) {
    Map<String, Object> inputs = new HashMap<>(Map.of("partnerType", type, "domainExpertise", domain,
        "deliveryScale", scale, "regionCoverage", region));
    if (scaleNeeded != null) {
      inputs.put("scaleNeeded", scaleNeeded);
    }
    return inputs;
  }

  static int score(Map<String, Object> inputs) {
    return TABLE.evaluate(inputs).result().stream()
        .mapToInt(entries -> entries.<Integer>getEntry("score"))
        .sum();
  }

  static Stream<Arguments> oneCandidatePerRule() {
    return Stream.of(
        Arguments.of("Rule_SystemIntegrator", candidate("SYSTEM_INTEGRATOR", false, "SMALL", false, false)),
        Arguments.of("Rule_GlobalDelivery", candidate("GLOBAL_DELIVERY", false, "SMALL", false, false)),
        Arguments.of("Rule_Consultancy", candidate("CONSULTANCY", false, "SMALL", false, false)),
        Arguments.of("Rule_ProductVendor", candidate("RPA_VENDOR", true, "LARGE", true, true)),
        Arguments.of("Rule_DomainExpertise", candidate("CONSULTANCY", true, "SMALL", false, false)),
        Arguments.of("Rule_LargeScale", candidate("SYSTEM_INTEGRATOR", false, "LARGE", false, false)),
        Arguments.of("Rule_MediumScale", candidate("GLOBAL_DELIVERY", false, "MEDIUM", false, false)),
        Arguments.of("Rule_RegionCoverage", candidate("SYSTEM_INTEGRATOR", false, "SMALL", true, false)),
        Arguments.of("Rule_ScaleIsTheNeed", candidate("GLOBAL_DELIVERY", false, "LARGE", false, true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneCandidatePerRule")
  void eachRuleAddsItsPointsWithAReason(String rule, Map<String, Object> inputs) {
    DmnTable.Evaluation evaluation = TABLE.evaluate(inputs);

    assertThat(evaluation.matchedRules()).contains(rule);
    assertThat(evaluation.result()).allSatisfy(entries -> {
      assertThat(entries.<Integer>getEntry("score")).isNotNegative();
      assertThat(entries.<String>getEntry("reason")).isNotBlank();
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void theExamplesHitEveryRule() {
    assertThat(TABLE.rulesHitBy(oneCandidatePerRule().map(args -> (Map<String, Object>) args.get()[1])))
        .containsExactlyInAnyOrderElementsOf(TABLE.ruleIds());
  }

  @Test
  void everyCandidateProfileGetsExactlyOneTypeRuleAndAScore() {
    Set<String> typeRules = Set.of("Rule_SystemIntegrator", "Rule_GlobalDelivery", "Rule_Consultancy", "Rule_ProductVendor");
    for (String type : TYPES) {
      for (boolean domain : List.of(true, false)) {
        for (String scale : List.of("SMALL", "MEDIUM", "LARGE")) {
          for (boolean region : List.of(true, false)) {
            for (Boolean scaleNeeded : new Boolean[] {true, false, null}) {
              var inputs = candidate(type, domain, scale, region, scaleNeeded);
              List<String> matched = TABLE.evaluate(inputs).matchedRules();
              assertThat(matched.stream().filter(typeRules::contains)).as("type rule for %s", inputs).hasSize(1);
              assertThat(score(inputs)).as("score of %s", inputs).isNotNegative();
            }
          }
        }
      }
    }
  }

  @Test
  void productVendorsScoreNothingWhateverTheirProfile() {
    for (String type : List.of("CLOUD_PROVIDER", "DATA_PLATFORM", "MARKETING_AUTOMATION", "RPA_VENDOR", "DOCUMENT_AI", "ISV")) {
      assertThat(score(candidate(type, true, "LARGE", true, true))).as(type).isZero();
    }
  }

  @Test
  void aDomainSystemIntegratorOutscoresAGlobalDeliveryPartnerUnlessScaleIsTheNeed() {
    var domainIntegrator = candidate("SYSTEM_INTEGRATOR", true, "MEDIUM", false, false);
    var globalDelivery = candidate("GLOBAL_DELIVERY", false, "LARGE", true, false);
    assertThat(score(domainIntegrator)).isGreaterThan(score(globalDelivery));

    domainIntegrator.put("scaleNeeded", true);
    globalDelivery.put("scaleNeeded", true);
    assertThat(score(globalDelivery)).isGreaterThan(score(domainIntegrator));
  }

  @Test
  void withoutTheOptionalScaleNeededInputTheTableStillScores() {
    DmnTable.Evaluation evaluation = TABLE.evaluate(candidate("GLOBAL_DELIVERY", false, "LARGE", true, null));

    assertThat(evaluation.matchedRules()).doesNotContain("Rule_ScaleIsTheNeed");
    assertThat(evaluation.result()).extracting(entries -> entries.<Integer>getEntry("score")).containsExactly(30, 20, 10);
  }

}
