package io.ensemble.partnerapi;

import java.net.http.HttpRequest;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Resolves a partner's credential from its reference: the registry holds only the name of a property or
 * environment variable (e.g. {@code ENSEMBLE_PARTNER_MESHGATE_TOKEN}); its value is
 * {@code bearer:<token>} (or just the token) for {@code Authorization: Bearer}, or {@code api-key:<key>} for
 * {@code X-API-Key}. The value is put on the request and nowhere else.
 */
@Component
class PartnerCredentials {

  static final String API_KEY_HEADER = "X-API-Key";
  private static final String API_KEY_PREFIX = "api-key:";
  private static final String BEARER_PREFIX = "bearer:";

  private final Environment environment;

  PartnerCredentials(Environment environment) {
    this.environment = environment;
  }

  /** Adds the credential header; false when the reference names nothing configured. */
  boolean authenticate(HttpRequest.Builder request, String credentialRef) {
    if (credentialRef == null || credentialRef.isBlank()) {
      return true;
    }
    String value = environment.getProperty(credentialRef);
    if (value == null || value.isBlank()) {
      return false;
    }
    if (value.startsWith(API_KEY_PREFIX)) {
      request.header(API_KEY_HEADER, value.substring(API_KEY_PREFIX.length()));
    } else {
      String token = value.startsWith(BEARER_PREFIX) ? value.substring(BEARER_PREFIX.length()) : value;
      request.header("Authorization", "Bearer " + token);
    }
    return true;
  }
}
