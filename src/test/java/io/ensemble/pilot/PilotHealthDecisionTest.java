package io.ensemble.pilot;

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

/**
 * {@code dmn/pilot-health.dmn} (UNIQUE): rule by rule at and around every threshold, then exhaustively over the
 * input classes (attainment below 70, 70 to 90, 90 and more; 0, 1-2, 3+ critical issues; 0, 1-4, 5+ breaches):
 * every combination hits exactly one rule, and the health is the worst any figure calls for.
 */
class PilotHealthDecisionTest {

  static final DmnTable TABLE = DmnTable.load("pilot-health");

  static DmnTable.Evaluation evaluate(double attainment, int critical, int breaches) {
    return TABLE.evaluate(Map.of("attainment", attainment, "openCriticalIssues", critical, "slaBreaches", breaches));
  }

  @ParameterizedTest(name = "{0} %, {1} critical, {2} breaches: {3} ({4})")
  @CsvSource(textBlock = """
      69.9,  0, 0, RED,   Rule_AttainmentFarBelowPlan
       0.0,  5, 9, RED,   Rule_AttainmentFarBelowPlan
      70.0,  3, 0, RED,   Rule_TooManyCriticalIssues
     100.0,  7, 9, RED,   Rule_TooManyCriticalIssues
      95.0,  2, 5, RED,   Rule_RepeatedSlaBreaches
      70.0,  0, 0, AMBER, Rule_AttainmentBelowPlan
      89.9,  2, 4, AMBER, Rule_AttainmentBelowPlan
      90.0,  1, 0, AMBER, Rule_CriticalIssuesOpen
     100.0,  2, 4, AMBER, Rule_CriticalIssuesOpen
      90.0,  0, 1, AMBER, Rule_SlaBreached
      99.0,  0, 4, AMBER, Rule_SlaBreached
      90.0,  0, 0, GREEN, Rule_OnPlan
     100.0,  0, 0, GREEN, Rule_OnPlan
      """)
  void eachRuleDecidesItsCase(double attainment, int critical, int breaches, String health, String rule) {
    DmnTable.Evaluation evaluation = evaluate(attainment, critical, breaches);

    assertThat(evaluation.matchedRules()).containsExactly(rule);
    DmnDecisionResultEntries result = evaluation.result().getSingleResult();
    assertThat(result.<String>getEntry("health")).isEqualTo(health);
    assertThat(result.<String>getEntry("reason")).isNotBlank();
  }

  /** Representatives of each input class, the class boundaries included. */
  static Stream<Arguments> everyInputClass() {
    List<Double> attainments = List.of(0.0, 69.9, 70.0, 89.9, 90.0, 100.0);
    List<Integer> criticals = List.of(0, 1, 2, 3, 10);
    List<Integer> breaches = List.of(0, 1, 4, 5, 20);
    return attainments.stream().flatMap(a -> criticals.stream().flatMap(c -> breaches.stream()
        .map(b -> Arguments.of(a, c, b))));
  }

  @ParameterizedTest(name = "{0} %, {1} critical, {2} breaches")
  @MethodSource("everyInputClass")
  void theHealthIsTheWorstAnyFigureCallsFor(double attainment, int critical, int breaches) {
    String expected = attainment < 70 || critical >= 3 || breaches >= 5 ? "RED"
        : attainment < 90 || critical >= 1 || breaches >= 1 ? "AMBER" : "GREEN";

    DmnTable.Evaluation evaluation = evaluate(attainment, critical, breaches);

    assertThat(evaluation.matchedRules()).hasSize(1);
    assertThat(evaluation.result().getSingleResult().<String>getEntry("health")).isEqualTo(expected);
  }

  @Test
  void theInputClassesHitEveryRule() {
    Set<String> hit = new HashSet<>();
    everyInputClass().forEach(args -> hit.addAll(evaluate((Double) args.get()[0], (Integer) args.get()[1],
        (Integer) args.get()[2]).matchedRules()));
    assertThat(hit).containsExactlyInAnyOrderElementsOf(TABLE.ruleIds());
  }
}
