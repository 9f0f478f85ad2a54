package io.ensemble.onboarding;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ensemble.onboarding.*}: how long to wait for a partner's sandbox before the governance office decides
 * (ISO 8601 duration; a start variable {@code sandboxTimeout} overrides it per partner), how often a waiting
 * onboarding reads the sandbox's state from the partner in case its callback was lost, and the deployment
 * template sandboxes are provisioned from.
 */
@ConfigurationProperties("ensemble.onboarding")
public record OnboardingProperties(String sandboxTimeout, String sandboxCheckInterval, String sandboxTemplate) {

  public OnboardingProperties {
    sandboxTimeout = sandboxTimeout == null ? "P2D" : sandboxTimeout;
    sandboxCheckInterval = sandboxCheckInterval == null ? "PT5M" : sandboxCheckInterval;
    sandboxTemplate = sandboxTemplate == null ? "ensemble-standard" : sandboxTemplate;
    Duration check = Duration.parse(sandboxCheckInterval);
    if (check.isNegative() || check.isZero()) {
      throw new IllegalArgumentException("ensemble.onboarding.sandbox-check-interval must be positive");
    }
  }
}
