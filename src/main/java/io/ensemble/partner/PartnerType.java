package io.ensemble.partner;

import io.ensemble.platform.Worded;

/** What kind of company a partner is; the onboarding start contract and the lead-integrator decision use these codes. */
public enum PartnerType implements Worded {
  CLOUD_PROVIDER("Cloud provider"),
  DATA_PLATFORM("Data platform"),
  SYSTEM_INTEGRATOR("System integrator"),
  MARKETING_AUTOMATION("Marketing automation"),
  RPA_VENDOR("RPA vendor"),
  DOCUMENT_AI("Document AI"),
  CONSULTANCY("Consultancy"),
  GLOBAL_DELIVERY("Global delivery"),
  ISV("Independent software vendor");

  private final String words;

  PartnerType(String words) {
    this.words = words;
  }

  @Override
  public String words() {
    return words;
  }
}
