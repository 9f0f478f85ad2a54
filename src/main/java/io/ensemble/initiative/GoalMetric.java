package io.ensemble.initiative;

/** The buyer's metric an initiative starts from (DESIGN.md §1, step 1). */
public enum GoalMetric {
  NEW_REVENUE,
  CHURN_REDUCTION,
  TIME_TO_MARKET,
  COST_EFFICIENCY
}
