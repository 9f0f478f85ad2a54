package io.ensemble.partner;

import io.ensemble.platform.Worded;

/** The review depth {@code partner-risk-tier} decides (variable {@code riskTier}). */
public enum RiskTier implements Worded {
  LOW("Low"),
  MEDIUM("Medium"),
  HIGH("High");

  private final String words;

  RiskTier(String words) {
    this.words = words;
  }

  @Override
  public String words() {
    return words;
  }
}
