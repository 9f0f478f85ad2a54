package io.ensemble.partner;

/** What kind of company a partner is; the onboarding start contract and the lead-integrator decision use these codes. */
public enum PartnerType {
  CLOUD_PROVIDER,
  DATA_PLATFORM,
  SYSTEM_INTEGRATOR,
  MARKETING_AUTOMATION,
  RPA_VENDOR,
  DOCUMENT_AI,
  CONSULTANCY,
  GLOBAL_DELIVERY,
  ISV
}
