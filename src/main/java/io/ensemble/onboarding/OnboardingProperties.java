package io.ensemble.onboarding;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ensemble.onboarding.*}: how long to wait for a partner's sandbox before the governance office decides
 * (ISO 8601 duration; a start variable {@code sandboxTimeout} overrides it per partner), and the deployment
 * template sandboxes are provisioned from.
 */
@ConfigurationProperties("ensemble.onboarding")
public record OnboardingProperties(String sandboxTimeout, String sandboxTemplate) {

  public OnboardingProperties {
    sandboxTimeout = sandboxTimeout == null ? "P2D" : sandboxTimeout;
    sandboxTemplate = sandboxTemplate == null ? "ensemble-standard" : sandboxTemplate;
  }
}
