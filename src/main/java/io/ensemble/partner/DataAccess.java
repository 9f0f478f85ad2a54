package io.ensemble.partner;

import io.ensemble.platform.Worded;

/** How much of Ensemble's data a partner may access (variable {@code dataAccess}). */
public enum DataAccess implements Worded {
  NONE("None"),
  AGGREGATED("Aggregated data only"),
  PERSONAL("Personal data");

  private final String words;

  DataAccess(String words) {
    this.words = words;
  }

  @Override
  public String words() {
    return words;
  }
}
