package io.ensemble.partnerapi.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The callback signature: {@code X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>}.
 * Used by Ensemble to verify and by the sandbox partner (and any partner in Java) to sign.
 */
public final class WebhookSignature {

  public static final String PARTNER_KEY_HEADER = "X-Partner-Key";
  public static final String SIGNATURE_HEADER = "X-Signature";

  private WebhookSignature() {}

  public static String sign(String secret, long unixSeconds, byte[] body) {
    return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds, body));
  }

  /** Whether the header is a signature of the body by one of the secrets, made no longer than maxAge ago. */
  public static boolean verify(String header, byte[] body, List<String> secrets, Instant now, Duration maxAge) {
    if (header == null || secrets.isEmpty()) {
      return false;
    }
    Long timestamp = null;
    byte[] given = null;
    for (String part : header.split(",")) {
      String item = part.trim();
      try {
        if (item.startsWith("t=")) {
          timestamp = Long.parseLong(item.substring(2));
        } else if (item.startsWith("v1=")) {
          given = HexFormat.of().parseHex(item.substring(3));
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    if (timestamp == null || given == null) {
      return false;
    }
    long age = now.getEpochSecond() - timestamp;
    if (Math.abs(age) > maxAge.toSeconds()) {
      return false;
    }
    boolean match = false;
    for (String secret : secrets) {
      // constant time, and every secret is tried so that timing does not tell which one matched
      match |= MessageDigest.isEqual(hmac(secret, timestamp, body), given);
    }
    return match;
  }

  private static byte[] hmac(String secret, long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
