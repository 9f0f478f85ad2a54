package io.ensemble.launch;

/** A partner's role in a joint offering; it weighs in the revenue share (decision {@code revenue-share}). */
public enum PartnerRole {
  LEAD_INTEGRATOR,
  PLATFORM_PROVIDER,
  CAPABILITY_VENDOR,
  DELIVERY_PARTNER
}
