package io.ensemble.support;

import io.ensemble.partnerapi.events.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A partner's callback to {@code POST /api/partner-events}, as a partner sends it. */
public final class PartnerEvents {

  private PartnerEvents() {}

  /** Signed with the partner's secret at the given time (unix seconds). */
  public static ResponseEntity<Map> post(TestRestTemplate rest, String partnerKey, String secret, long timestamp,
      String body) {
    return postWithSignature(rest, partnerKey,
        WebhookSignature.sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8)), body);
  }

  /** With the given {@code X-Signature} header, or none. */
  public static ResponseEntity<Map> postWithSignature(TestRestTemplate rest, String partnerKey, String signature,
      String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set(WebhookSignature.PARTNER_KEY_HEADER, partnerKey);
    if (signature != null) {
      headers.set(WebhookSignature.SIGNATURE_HEADER, signature);
    }
    return rest.exchange("/api/partner-events", HttpMethod.POST,
        new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), headers), Map.class);
  }
}
