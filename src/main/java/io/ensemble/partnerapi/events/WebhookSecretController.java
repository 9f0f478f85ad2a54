package io.ensemble.partnerapi.events;

import io.ensemble.partnerapi.client.PartnerApiClient;
import io.ensemble.partnerapi.client.PartnerCall;
import io.ensemble.partnerapi.client.PartnerCallException;

import io.ensemble.partner.PartnerRepository;
import io.ensemble.platform.InvalidInputException;
import io.ensemble.security.CurrentUser;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
class WebhookSecretController {

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
  ResponseEntity<Map<String, Object>> rotate(@PathVariable String partnerKey) {
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
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("partnerKey", partnerKey);
    answer.put("rotatedAt", rotation.rotatedAt());
    answer.put("previousSecretValidUntil", rotation.previousValidUntil());
    return ResponseEntity.ok(answer);
  }
}
