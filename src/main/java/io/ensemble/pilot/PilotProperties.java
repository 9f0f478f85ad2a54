package io.ensemble.pilot;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ensemble.pilot.*}: how often the governance office may extend a pilot's time box (by one checkpoint
 * interval each time), and how long a checkpoint waits for every partner's metrics before it is rated with the
 * partners that answered (ISO 8601 duration; longer than the metrics fetch's retries, so that a partner that
 * stopped answering is an incident by then).
 */
@ConfigurationProperties("ensemble.pilot")
public record PilotProperties(Integer maxExtensions, String metricsPatience) {

  public PilotProperties {
    maxExtensions = maxExtensions == null ? 2 : maxExtensions;
    metricsPatience = metricsPatience == null ? "PT4H" : metricsPatience;
    if (maxExtensions < 0) {
      throw new IllegalArgumentException("ensemble.pilot.max-extensions must be 0 or more");
    }
  }
}
