package io.ensemble.partnerapi.client;

/**
 * A partner answer that must satisfy Ensemble's own limits before anyone uses it (the column it is stored in, the
 * variable a process correlates on). An answer with a problem is a technical failure: retried, then an incident.
 */
interface CheckedAnswer {

  /** What is wrong with the answer, or null. */
  String problem();
}
