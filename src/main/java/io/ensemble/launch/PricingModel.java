package io.ensemble.launch;

/** How a joint offering is priced (decision {@code pricing-model}). */
public enum PricingModel {
  OUTCOME_BASED,
  REVENUE_SHARE,
  USAGE_BASED,
  TIERED_SUBSCRIPTION
}
