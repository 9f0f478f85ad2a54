package io.ensemble.onboarding;

import io.ensemble.platform.InvalidInputException;
import io.ensemble.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Partners")
class ApiBaseUrlConfirmationController {

  /** What the body holds; read as a map, so that a missing or ill-typed URL is answered 400 naming it. */
  record Confirmation(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "https://api.partner.example")
      String apiBaseUrl) {}

  private static final Logger LOG = LoggerFactory.getLogger(ApiBaseUrlConfirmationController.class);

  private final OnboardingService onboarding;
  private final CurrentUser currentUser;

  ApiBaseUrlConfirmationController(OnboardingService onboarding, CurrentUser currentUser) {
    this.onboarding = onboarding;
    this.currentUser = currentUser;
  }

  @PostMapping("/api/partners/{key}/api-base-url-confirmation")
  @Operation(operationId = "confirmApiBaseUrl", summary = "Confirm a known partner's new API base URL (administrators)")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
      mediaType = "application/json", schema = @Schema(implementation = Confirmation.class)))
  @ApiResponse(responseCode = "200", description = "Confirmed: partnerKey, apiBaseUrl, confirmedBy")
  @ApiResponse(responseCode = "400", description = "No http or https URL with a host")
  @ApiResponse(responseCode = "403", description = "Not an administrator")
  @ApiResponse(responseCode = "404", description = "No partner with that key")
  @ApiResponse(responseCode = "409", description = "The partner is onboarding or active")
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
