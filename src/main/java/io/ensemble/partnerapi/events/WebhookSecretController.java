package io.ensemble.partnerapi.events;

import io.ensemble.partnerapi.client.PartnerApiClient;
import io.ensemble.partnerapi.client.PartnerCall;
import io.ensemble.partnerapi.client.PartnerCallException;

import io.ensemble.partner.PartnerRepository;
import io.ensemble.platform.InvalidInputException;
import io.ensemble.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/partner-webhook-secrets/{partnerKey}/rotation} (administrators): issues the partner a new
 * webhook secret over its authenticated API ({@code PUT /v1/webhook}) and keeps the old one valid for the grace
 * period. The answer never contains a secret.
 */
@RestController
@Tag(name = "Partner webhook secrets")
class WebhookSecretController {

  /** What a rotation answers: when, and until when the previous secret is still accepted; never a secret. */
  record RotationView(String partnerKey, Instant rotatedAt, Instant previousSecretValidUntil) {}

  private final WebhookSecrets secrets;
  private final PartnerApiClient client;
  private final PartnerRepository partners;
  private final CurrentUser currentUser;

  WebhookSecretController(WebhookSecrets secrets, PartnerApiClient client, PartnerRepository partners,
      CurrentUser currentUser) {
    this.secrets = secrets;
    this.client = client;
    this.partners = partners;
    this.currentUser = currentUser;
  }

  @PostMapping("/api/partner-webhook-secrets/{partnerKey}/rotation")
  @Operation(operationId = "rotateWebhookSecret", summary = "Issue the partner a new webhook secret over its API; the old one stays valid for the grace period")
  @ApiResponse(responseCode = "200", description = "Rotated; the answer never holds a secret")
  @ApiResponse(responseCode = "403", description = "Not an administrator")
  @ApiResponse(responseCode = "404", description = "Unknown partner")
  @ApiResponse(responseCode = "502", description = "The partner did not take the new secret; nothing changed")
  ResponseEntity<RotationView> rotate(@PathVariable String partnerKey) {
    currentUser.requireAdmin("rotate webhook secrets");
    if (!partners.existsById(partnerKey)) {
      throw new InvalidInputException(404, "Unknown partner " + partnerKey);
    }
    PartnerCall call = PartnerCall.of(partnerKey, "webhook-rotation:" + partnerKey + ":" + Instant.now().toEpochMilli());
    WebhookSecrets.Rotation rotation;
    try {
      rotation = secrets.rotate(partnerKey, secret -> client.updateWebhook(call, secret));
    } catch (PartnerCallException | BpmnError e) {
      throw new ResponseStatusException(HttpStatus.BAD_GATEWAY,
          "The partner did not take the new secret; nothing changed: " + e.getMessage());
    }
    return ResponseEntity.ok(new RotationView(partnerKey, rotation.rotatedAt(), rotation.previousValidUntil()));
  }
}
