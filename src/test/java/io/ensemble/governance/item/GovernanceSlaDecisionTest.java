package io.ensemble.governance.item;

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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code dmn/governance-sla.dmn} (UNIQUE): every kind × severity has exactly one rule, and each rule its hours. */
class GovernanceSlaDecisionTest {

  static final DmnTable TABLE = DmnTable.load("governance-sla");

  static DmnTable.Evaluation evaluate(ItemKind kind, ItemSeverity severity) {
    return TABLE.evaluate(Map.of("kind", kind.name(), "severity", severity.name()));
  }

  @ParameterizedTest(name = "{0} {1}: respond within {2} h, resolve within {3} h ({4})")
  @CsvSource(textBlock = """
      CUSTOMER_ISSUE, CRITICAL,  4,  24, Rule_CriticalCustomerIssue
      CUSTOMER_ISSUE, HIGH,      8,  72, Rule_HighCustomerIssue
      CUSTOMER_ISSUE, MEDIUM,   24, 120, Rule_MinorCustomerIssue
      CUSTOMER_ISSUE, LOW,      24, 120, Rule_MinorCustomerIssue
      ESCALATION,     CRITICAL,  2,  24, Rule_CriticalEscalation
      ESCALATION,     HIGH,      4,  48, Rule_HighEscalation
      ESCALATION,     MEDIUM,   24, 120, Rule_MinorEscalation
      ESCALATION,     LOW,      24, 120, Rule_MinorEscalation
      RISK,           CRITICAL,  8,  72, Rule_CriticalRisk
      RISK,           HIGH,     24, 168, Rule_HighRisk
      RISK,           MEDIUM,   72, 336, Rule_MinorRisk
      RISK,           LOW,      72, 336, Rule_MinorRisk
      TIMELINE,       CRITICAL,  8,  72, Rule_UrgentTimeline
      TIMELINE,       HIGH,      8,  72, Rule_UrgentTimeline
      TIMELINE,       MEDIUM,   48, 240, Rule_MinorTimeline
      TIMELINE,       LOW,      48, 240, Rule_MinorTimeline
      """)
  void everyKindAndSeverityHasItsHours(ItemKind kind, ItemSeverity severity, int respond, int resolve, String rule) {
    DmnTable.Evaluation evaluation = evaluate(kind, severity);

    assertThat(evaluation.matchedRules()).containsExactly(rule);
    DmnDecisionResultEntries result = evaluation.result().getSingleResult();
    assertThat(result.<Integer>getEntry("respondWithinHours")).isEqualTo(respond);
    assertThat(result.<Integer>getEntry("resolveWithinHours")).isEqualTo(resolve);
  }

  static Stream<Arguments> everyKindAndSeverity() {
    return Stream.of(ItemKind.values()).flatMap(kind -> Stream.of(ItemSeverity.values())
        .map(severity -> Arguments.of(kind, severity)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyKindAndSeverity")
  void theResponseComesBeforeTheResolutionAndNoMoreSevereItemWaitsLonger(ItemKind kind, ItemSeverity severity) {
    DmnDecisionResultEntries result = evaluate(kind, severity).result().getSingleResult();
    assertThat(result.<Integer>getEntry("respondWithinHours")).isPositive()
        .isLessThan(result.<Integer>getEntry("resolveWithinHours"));
    if (severity.ordinal() > 0) {
      DmnDecisionResultEntries lower = evaluate(kind, ItemSeverity.values()[severity.ordinal() - 1]).result()
          .getSingleResult();
      assertThat(result.<Integer>getEntry("resolveWithinHours"))
          .isLessThanOrEqualTo(lower.<Integer>getEntry("resolveWithinHours"));
      assertThat(result.<Integer>getEntry("respondWithinHours"))
          .isLessThanOrEqualTo(lower.<Integer>getEntry("respondWithinHours"));
    }
  }

  @Test
  void theWholeInputDomainHitsEveryRuleAndNeverTwoAtOnce() {
    Set<String> hit = new HashSet<>();
    everyKindAndSeverity().forEach(args -> {
      List<String> matched = evaluate((ItemKind) args.get()[0], (ItemSeverity) args.get()[1]).matchedRules();
      assertThat(matched).hasSize(1);
      hit.add(matched.get(0));
    });
    assertThat(hit).containsExactlyInAnyOrderElementsOf(TABLE.ruleIds());
  }
}
