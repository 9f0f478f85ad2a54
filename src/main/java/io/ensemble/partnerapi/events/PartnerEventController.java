package io.ensemble.partnerapi.events;

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
class PartnerEventController {

  private final PartnerEventInbox inbox;

  PartnerEventController(PartnerEventInbox inbox) {
    this.inbox = inbox;
  }

  @PostMapping("/api/partner-events")
  ResponseEntity<Map<String, String>> receive(
      @RequestHeader(name = WebhookSignature.PARTNER_KEY_HEADER, required = false) String partnerKey,
      @RequestHeader(name = WebhookSignature.SIGNATURE_HEADER, required = false) String signature,
      @RequestBody(required = false) byte[] body) {
    var receipt = inbox.receive(partnerKey, signature, body == null ? new byte[0] : body);
    HttpStatus status = receipt == PartnerEventInbox.Receipt.ACCEPTED ? HttpStatus.ACCEPTED : HttpStatus.OK;
    return ResponseEntity.status(status).body(Map.of("status", receipt.name()));
  }
}
