package io.ensemble.initiative;

/** What the initiative offers its buyers; with the goal metric it decides the capabilities needed. */
public enum OfferingKind {
  DATA_PRODUCT,
  CUSTOMER_ENGAGEMENT,
  PROCESS_AUTOMATION,
  VERTICAL_SOLUTION
}
