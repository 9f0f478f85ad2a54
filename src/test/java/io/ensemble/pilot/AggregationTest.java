package io.ensemble.pilot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weighted KPI attainment against the pilot's plan, critical issues and breaches summed over partners. */
class AggregationTest {

  static final List<PilotPlan.Criterion> CRITERIA = List.of(new PilotPlan.Criterion("close-days-saved", 4, 3),
      new PilotPlan.Criterion("adoption", 100, 1));

  static PilotStore.Metrics answer(String partner, String kpis, int critical, int breaches) {
    return new PilotStore.Metrics(1, partner, kpis, critical, breaches, Instant.EPOCH);
  }

  @Test
  void eachKpiIsTheMeanOfItsReportersAgainstPlanAndThePilotTheWeightedMean() {
    Aggregation figures = Aggregation.of(CRITERIA, List.of("botworks", "documind", "clearpath"), List.of(
        answer("botworks", "[{\"name\": \"close-days-saved\", \"plan\": 5, \"actual\": 3}]", 1, 0),
        answer("documind", "[{\"name\": \"close-days-saved\", \"actual\": 2}, {\"name\": \"adoption\", \"actual\": 80}]",
            1, 2)));

    // close-days-saved: mean(3, 2) = 2.5 of 4 = 62.5 %; adoption 80 %; weighted (3 x 62.5 + 80) / 4
    assertThat(figures.attainment()).isEqualTo(66.9);
    assertThat(figures.kpis()).extracting(Aggregation.KpiAttainment::attainment).containsExactly(62.5, 80.0);
    assertThat(figures.openCriticalIssues()).isEqualTo(2);
    assertThat(figures.slaBreaches()).isEqualTo(2);
    assertThat(figures.missingPartners()).containsExactly("clearpath");
  }

  @Test
  void overDeliveryDoesNotHideAMissAndAnUnreportedKpiCountsAsNothing() {
    Aggregation figures = Aggregation.of(CRITERIA, List.of("botworks"), List.of(
        answer("botworks", "[{\"name\": \"close-days-saved\", \"actual\": 12}]", 0, 0)));

    assertThat(figures.kpis()).extracting(Aggregation.KpiAttainment::attainment).containsExactly(100.0, 0.0);
    assertThat(figures.kpis().get(1).actual()).isNull();
    assertThat(figures.attainment()).isEqualTo(75.0);
  }

  @Test
  void noAnswerAtAllIsNoAttainment() {
    Aggregation figures = Aggregation.of(CRITERIA, List.of("botworks"), List.of());
    assertThat(figures.attainment()).isZero();
    assertThat(figures.missingPartners()).containsExactly("botworks");
  }
}
