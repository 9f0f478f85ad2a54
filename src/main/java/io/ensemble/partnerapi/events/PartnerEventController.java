package io.ensemble.partnerapi.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/partner-events}: partners' signed callbacks. Authenticated by signature, not by HTTP Basic.
 * 202 accepted, 200 duplicate, 400 malformed (naming the field), 401 bad or stale signature, 404 unknown partner
 * or a subject (say a sandbox) that is not the sender's, 409 an eventId reused with different content, 422 a type no
 * process consumes.
 */
@RestController
@Tag(name = "Partner events", description = "Partners' signed callbacks (the Partner API contract describes them for partners)")
class PartnerEventController {

  /** The callback's body as the Partner API contract defines it; read as raw bytes, because the signature covers them. */
  record PartnerEventBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String eventId,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "sandbox.ready") String type,
      Instant occurredAt,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "What the type of event carries")
      JsonNode data) {}

  record Receipt(@Schema(allowableValues = {"ACCEPTED", "DUPLICATE"}) String status) {}

  private final PartnerEventInbox inbox;

  PartnerEventController(PartnerEventInbox inbox) {
    this.inbox = inbox;
  }

  @PostMapping("/api/partner-events")
  @Operation(operationId = "receivePartnerEvent", summary = "Receive a partner's signed event, once per eventId")
  @SecurityRequirements
  @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
      mediaType = "application/json", schema = @Schema(implementation = PartnerEventBody.class)))
  @ApiResponse(responseCode = "202", description = "Accepted: delivered, or kept until its process waits for it",
      content = @Content(schema = @Schema(implementation = Receipt.class)))
  @ApiResponse(responseCode = "200", description = "Duplicate: this eventId was received before",
      content = @Content(schema = @Schema(implementation = Receipt.class)))
  @ApiResponse(responseCode = "400", description = "Malformed: detail names the field")
  @ApiResponse(responseCode = "401", description = "Bad or stale signature")
  @ApiResponse(responseCode = "404", description = "Unknown partner, or a subject that is not the sender's")
  @ApiResponse(responseCode = "409", description = "The eventId was used before with different content")
  @ApiResponse(responseCode = "413", description = "Body too large")
  @ApiResponse(responseCode = "422", description = "A type of event no process consumes")
  ResponseEntity<Map<String, String>> receive(
      @Parameter(description = "The sending partner's key", required = true)
      @RequestHeader(name = WebhookSignature.PARTNER_KEY_HEADER, required = false) String partnerKey,
      @Parameter(description = "t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + \".\" + raw body)>", required = true)
      @RequestHeader(name = WebhookSignature.SIGNATURE_HEADER, required = false) String signature,
      @RequestBody(required = false) byte[] body) {
    var receipt = inbox.receive(partnerKey, signature, body == null ? new byte[0] : body);
    HttpStatus status = receipt == PartnerEventInbox.Receipt.ACCEPTED ? HttpStatus.ACCEPTED : HttpStatus.OK;
    return ResponseEntity.status(status).body(Map.of("status", receipt.name()));
  }
}
