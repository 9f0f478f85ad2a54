package io.ensemble.partner;

import io.ensemble.platform.Worded;

/** Security and privacy certifications a partner holds (variable {@code certifications}, a list). */
public enum Certification implements Worded {
  SOC2("SOC 2"),
  ISO27001("ISO/IEC 27001"),
  ISO27701("ISO/IEC 27701"),
  C5("BSI C5"),
  PCI_DSS("PCI DSS");

  private final String words;

  Certification(String words) {
    this.words = words;
  }

  @Override
  public String words() {
    return words;
  }
}
