package io.ensemble.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.support.DmnTable;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code dmn/partner-risk-tier.dmn}: every rule of the tier table (FIRST, with a final catch-all) and of the
 * required-reviews table (COLLECT), and the whole input space of enumerations and contract-value boundaries.
 */
class PartnerRiskTierDecisionTest {

  /** Examples of the tier table (FIRST): the named rule is the one that decides. */
  static final String TIER_EXAMPLES = """
      PersonalData: personal data is HIGH                  | PERSONAL   | ISV             | DE | 50000   | SOC2     | HIGH
      StrategicContract: EUR 1,000,000 a year is HIGH      | NONE       | ISV             | DE | 1000000 | SOC2     | HIGH
      SignificantContract: EUR 999,999 is not strategic   | NONE       | ISV             | DE | 999999  | SOC2     | MEDIUM
      StrategicPlatformPartner: cloud provider EUR 500,000 | NONE       | CLOUD_PROVIDER  | DE | 500000  | SOC2     | HIGH
      StrategicPlatformPartner: global delivery            | NONE       | GLOBAL_DELIVERY | DE | 500000  | ISO27001 | HIGH
      SignificantContract: platform partner at EUR 499,999| NONE       | CLOUD_PROVIDER  | DE | 499999  | SOC2     | MEDIUM
      SignificantContract: an ISV at EUR 500,000          | NONE       | ISV             | DE | 500000  | SOC2     | MEDIUM
      NotCertified: no certification is MEDIUM            | NONE       | ISV             | DE | 50000   |          | MEDIUM
      NotCertified: other certifications do not count     | NONE       | ISV             | DE | 50000   | C5       | MEDIUM
      OutsideEu: a US jurisdiction is MEDIUM               | NONE       | ISV             | US | 50000   | SOC2     | MEDIUM
      AggregatedData: aggregated data is MEDIUM            | AGGREGATED | ISV             | DE | 50000   | SOC2     | MEDIUM
      SignificantContract: EUR 100,000 a year is MEDIUM    | NONE       | ISV             | DE | 100000  | SOC2     | MEDIUM
      Otherwise: the low-risk profile is LOW               | NONE       | ISV             | DE | 99999   | SOC2     | LOW
      Otherwise: ISO 27001 counts like SOC 2               | NONE       | DATA_PLATFORM   | FR | 0       | ISO27001 | LOW
      """;

  /** Examples of the review table (COLLECT): the named rules are among those that match. */
  static final String REVIEW_EXAMPLES = """
      LOW needs no review                                  | NONE       | ISV                  | DE | 50000   | SOC2 |
      SecurityAboveLow: MEDIUM needs security              | NONE       | ISV                  | DE | 50000   |      | security
      DataGovernanceDataAccess: aggregated data            | AGGREGATED | ISV                  | DE | 50000   | SOC2 | security,data-governance
      DataGovernanceDataProduct: a data product            | NONE       | DOCUMENT_AI          | DE | 50000   |      | security,data-governance
      DataGovernanceDataProduct: marketing automation      | NONE       | MARKETING_AUTOMATION | DE | 50000   |      | security,data-governance
      LegalHighRisk: HIGH needs all three                  | PERSONAL   | ISV                  | DE | 50000   | SOC2 | security,data-governance,legal
      LegalSignificantContract: EUR 100,000 MEDIUM         | NONE       | ISV                  | DE | 100000  | SOC2 | security,legal
      LegalOutsideEu: a small contract outside the EU      | NONE       | ISV                  | US | 50000   | SOC2 | security,legal
      LegalSignificantContract: outside the EU, legal once | NONE       | ISV                  | US | 200000  | SOC2 | security,legal
      """;

  static final DmnTable TIER_TABLE = DmnTable.load("partner-risk-tier", PartnerOnboardingProcess.RISK_TIER_DECISION);
  static final DmnTable REVIEW_TABLE =
      DmnTable.load("partner-risk-tier", PartnerOnboardingProcess.REQUIRED_REVIEWS_DECISION);

  static final List<String> CONTRACT_VALUE_BOUNDARIES =
      List.of("0", "99999", "100000", "499999", "500000", "999999", "1000000", "25000000");
  static final List<List<String>> CERTIFICATIONS = List.of(List.of(), List.of("SOC2"), List.of("ISO27001"),
      List.of("SOC2", "ISO27001"), List.of("C5"), List.of("ISO27701", "PCI_DSS"));

  static DmnEngine dmn;
  static DmnDecision tier;
  static DmnDecision reviews;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream model = Files.newInputStream(Path.of("dmn/partner-risk-tier.dmn"))) {
      List<DmnDecision> decisions = dmn.parseDecisions(model);
      tier = decisions.stream().filter(d -> d.getKey().equals(PartnerOnboardingProcess.RISK_TIER_DECISION)).findFirst().orElseThrow();
      reviews = decisions.stream().filter(d -> d.getKey().equals(PartnerOnboardingProcess.REQUIRED_REVIEWS_DECISION)).findFirst().orElseThrow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = TIER_EXAMPLES)
  void tierRules(String rule, String dataAccess, String type, String jurisdiction, long value, String certification,
      String expected) {
    var evaluation = TIER_TABLE.evaluate(input(dataAccess, type, jurisdiction, value,
        certification == null ? List.of() : List.of(certification)));
    assertThat((String) evaluation.result().getSingleEntry()).as(rule).isEqualTo(expected);
    assertThat(evaluation.matchedRules()).as("the rule that decides").containsExactlyElementsOf(namedRules(rule));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = REVIEW_EXAMPLES)
  void reviewRules(String rule, String dataAccess, String type, String jurisdiction, long value, String certification,
      String expected) {
    var evaluation = REVIEW_TABLE.evaluate(input(dataAccess, type, jurisdiction, value,
        certification == null ? List.of() : List.of(certification)));
    List<String> groups = evaluation.result().getResultList().stream().map(r -> (String) r.get("group")).toList();
    assertThat(groups).as(rule).containsExactlyInAnyOrderElementsOf(expected == null ? List.of() : List.of(expected.split(",")));
    if (namedRules(rule).isEmpty()) {
      assertThat(evaluation.matchedRules()).as(rule).isEmpty();
    } else {
      assertThat(evaluation.matchedRules()).as(rule).containsAll(namedRules(rule));
    }
  }

  @Test
  void theExamplesNameEveryRuleOfBothTables() {
    assertThat(examples(TIER_EXAMPLES)).containsExactlyInAnyOrderElementsOf(TIER_TABLE.ruleIds());
    assertThat(examples(REVIEW_EXAMPLES)).containsExactlyInAnyOrderElementsOf(REVIEW_TABLE.ruleIds());
  }

  /** "LegalOutsideEu and LegalSignificantContract: …" names Rule_LegalOutsideEu and Rule_LegalSignificantContract. */
  private static List<String> namedRules(String label) {
    if (!label.contains(":")) {
      return List.of();
    }
    return Stream.of(label.substring(0, label.indexOf(':')).split(" and "))
        .map(name -> "Rule_" + name.strip().split(" ")[0]).toList();
  }

  private static Set<String> examples(String table) {
    return table.lines().filter(line -> !line.isBlank())
        .flatMap(line -> namedRules(line.substring(0, line.indexOf('|')).strip()).stream())
        .collect(Collectors.toSet());
  }

  @Test
  void everyReviewHasAReason() {
    List<Map<String, Object>> result = dmn.evaluateDecision(reviews,
        input("PERSONAL", "DATA_PLATFORM", "US", 2_000_000, List.of())).getResultList();
    assertThat(result).isNotEmpty().allSatisfy(review -> assertThat((String) review.get("reason")).isNotBlank());
  }

  @Test
  void everyValidInputGetsATierAndConsistentReviews() {
    int combinations = 0;
    for (String type : OnboardingRequest.PARTNER_TYPES) {
      for (String dataAccess : OnboardingRequest.DATA_ACCESS_LEVELS) {
        for (String jurisdiction : List.of("DE", "IE", "US", "IN")) {
          for (String value : CONTRACT_VALUE_BOUNDARIES) {
            for (List<String> certifications : CERTIFICATIONS) {
              VariableMap input = input(dataAccess, type, jurisdiction, Long.parseLong(value), certifications);
              String tier = tier(input);
              List<String> groups = reviewGroups(input);
              String why = input.toString();
              assertThat(tier).as(why).isIn("LOW", "MEDIUM", "HIGH");
              assertThat(groups).as(why).doesNotHaveDuplicates();
              if (tier.equals("LOW")) {
                assertThat(groups).as(why).isEmpty();
              } else {
                assertThat(groups).as(why).contains("security");
              }
              if (tier.equals("HIGH")) {
                assertThat(groups).as(why).contains("legal");
              }
              if (!dataAccess.equals("NONE")) {
                assertThat(tier).as(why).isNotEqualTo("LOW");
                assertThat(groups).as(why).contains("data-governance");
              }
              combinations++;
            }
          }
        }
      }
    }
    assertThat(combinations).isEqualTo(9 * 3 * 4 * 8 * 6);
  }

  private static String tier(VariableMap input) {
    return dmn.evaluateDecisionTable(tier, input).getSingleEntry();
  }

  private static List<String> reviewGroups(VariableMap input) {
    List<String> groups = new ArrayList<>();
    dmn.evaluateDecision(reviews, input).getResultList().forEach(review -> groups.add((String) review.get("group")));
    return groups;
  }

  private static VariableMap input(String dataAccess, String type, String jurisdiction, long value,
      List<String> certifications) {
    return Variables.createVariables()
        .putValue("dataAccess", dataAccess)
        .putValue("partnerType", type)
        .putValue("jurisdiction", jurisdiction)
        .putValue("annualContractValue", value)
        .putValue("certifications", certifications);
  }
}
