package io.ensemble.initiative;

import io.ensemble.platform.Worded;

/** A partner capability, as {@code capability-map} names it (variable {@code capabilities}, a list). */
public enum Capability implements Worded {
  ANALYTICS("Analytics"),
  API_STANDARDISATION("API standardisation"),
  CLOUD_DATA_PLATFORM("Cloud data platform"),
  CLOUD_PLATFORM("Cloud platform (credits, hosting)"),
  DOCUMENT_AI("AI document processing"),
  DOMAIN_INTEGRATION("Domain system integration"),
  ENGINEERING_SCALE("Engineering at scale (global delivery)"),
  MARKETING_AUTOMATION("Marketing automation"),
  PRIVACY_SAFEGUARDS("Privacy safeguards"),
  PROCESS_REDESIGN("Process redesign"),
  ROBOTIC_PROCESS_AUTOMATION("Robotic process automation"),
  SUBSCRIPTION_BILLING("Subscription billing"),
  SYSTEM_INTEGRATION("System integration");

  private final String words;

  Capability(String words) {
    this.words = words;
  }

  @Override
  public String words() {
    return words;
  }
}
