package io.ensemble.partner;

public enum PartnerStatus {
  ONBOARDING,
  ACTIVE,
  REJECTED,
  WITHDRAWN,
  SUSPENDED
}
