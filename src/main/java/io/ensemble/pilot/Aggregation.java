package io.ensemble.pilot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One checkpoint's figures over the partners that answered: weighted KPI attainment against the pilot's plan,
 * open critical issues and SLA breaches (summed over partners), and who did not answer.
 *
 * <p>Per success criterion, the attainment is the mean over the partners reporting that KPI of actual / the
 * pilot's plan value, capped at 100 %: over-delivery on one KPI does not hide a miss on another. A KPI no partner
 * reported counts as 0 %: missing data is never taken for success. The pilot's attainment is the weighted mean.
 */
record Aggregation(double attainment, int openCriticalIssues, int slaBreaches, List<KpiAttainment> kpis,
    List<String> missingPartners) {

  record KpiAttainment(String name, double plan, double weight, Double actual, double attainment) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  static Aggregation of(List<PilotPlan.Criterion> criteria, List<String> partners, List<PilotStore.Metrics> answers) {
    List<KpiAttainment> kpis = new ArrayList<>();
    double weighted = 0;
    double weights = 0;
    for (PilotPlan.Criterion criterion : criteria) {
      List<Double> actuals = new ArrayList<>();
      for (PilotStore.Metrics answer : answers) {
        for (JsonNode kpi : kpis(answer.kpisJson())) {
          if (criterion.name().equals(kpi.path("name").asText()) && kpi.path("actual").isNumber()) {
            actuals.add(kpi.path("actual").asDouble());
          }
        }
      }
      Double actual = actuals.isEmpty() ? null : actuals.stream().mapToDouble(Double::doubleValue).average()
          .orElseThrow();
      double attainment = actual == null ? 0 : Math.max(0, Math.min(1.0, actual / criterion.plan()));
      kpis.add(new KpiAttainment(criterion.name(), criterion.plan(), criterion.weight(), actual,
          round(attainment * 100)));
      weighted += criterion.weight() * attainment;
      weights += criterion.weight();
    }
    Set<String> answered = new java.util.HashSet<>(answers.stream().map(PilotStore.Metrics::partnerKey).toList());
    return new Aggregation(round(weighted / weights * 100),
        answers.stream().mapToInt(PilotStore.Metrics::openCritical).sum(),
        answers.stream().mapToInt(PilotStore.Metrics::slaBreaches).sum(),
        List.copyOf(kpis), partners.stream().filter(p -> !answered.contains(p)).toList());
  }

  private static Iterable<JsonNode> kpis(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
