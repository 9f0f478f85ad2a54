package io.ensemble.onboarding;

import io.ensemble.platform.InvalidInputException;
import io.ensemble.security.CurrentUser;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/partners/{key}/api-base-url-confirmation} {@code {"apiBaseUrl": "https://..."}}: an administrator
 * confirms the new address of a known (rejected or withdrawn) partner, so that its next onboarding may use it. That
 * onboarding starts without the partner's credential reference and with a fresh webhook secret.
 */
@RestController
class ApiBaseUrlConfirmationController {

  private static final Logger LOG = LoggerFactory.getLogger(ApiBaseUrlConfirmationController.class);

  private final OnboardingService onboarding;
  private final CurrentUser currentUser;

  ApiBaseUrlConfirmationController(OnboardingService onboarding, CurrentUser currentUser) {
    this.onboarding = onboarding;
    this.currentUser = currentUser;
  }

  @PostMapping("/api/partners/{key}/api-base-url-confirmation")
  Map<String, String> confirm(@PathVariable String key, @RequestBody(required = false) Map<String, Object> body) {
    String admin = currentUser.requireAdmin("confirm a partner's new API base URL");
    Object url = body == null ? null : body.get("apiBaseUrl");
    if (!(url instanceof String apiBaseUrl) || apiBaseUrl.length() > 500 || !OnboardingRequest.isHttpUrl(apiBaseUrl)) {
      throw new InvalidInputException("apiBaseUrl must be an http or https URL with a host (at most 500 characters)");
    }
    onboarding.confirmApiBaseUrl(key, apiBaseUrl);
    LOG.info("{} confirmed {} as the new API base URL of partner {}", admin, apiBaseUrl, key);
    return Map.of("partnerKey", key, "apiBaseUrl", apiBaseUrl, "confirmedBy", admin);
  }
}
