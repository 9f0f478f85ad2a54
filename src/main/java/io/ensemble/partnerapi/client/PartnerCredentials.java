package io.ensemble.partnerapi.client;

import java.net.http.HttpRequest;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Resolves a partner's credential from its reference: the registry holds only the name of a property or
 * environment variable (e.g. {@code ENSEMBLE_PARTNER_MESHGATE_TOKEN}); its value is
 * {@code bearer:<token>} (or just the token) for {@code Authorization: Bearer}, or {@code api-key:<key>} for
 * {@code X-API-Key}. The value is put on the request and nowhere else.
 *
 * <p>Only references in the partner-credential namespace resolve: properties under
 * {@code ensemble.partner-api.credentials.} and environment variables {@code ENSEMBLE_PARTNER_*}. Whoever may
 * register a partner can therefore not have another secret of the application (say, the database password) sent
 * to a URL of their choosing.
 */
@Component
class PartnerCredentials {

  static final String API_KEY_HEADER = "X-API-Key";
  private static final String API_KEY_PREFIX = "api-key:";
  private static final String BEARER_PREFIX = "bearer:";

  static final String PROPERTY_NAMESPACE = "ensemble.partner-api.credentials.";
  private static final Pattern ENVIRONMENT_NAMESPACE = Pattern.compile("ENSEMBLE_PARTNER_[A-Z0-9_]+");

  private final Environment environment;

  PartnerCredentials(Environment environment) {
    this.environment = environment;
  }

  static boolean isAllowedReference(String credentialRef) {
    return (credentialRef.startsWith(PROPERTY_NAMESPACE) && credentialRef.length() > PROPERTY_NAMESPACE.length())
        || ENVIRONMENT_NAMESPACE.matcher(credentialRef).matches();
  }

  /** Adds the credential header; false when the reference is outside the namespace or names nothing configured. */
  boolean authenticate(HttpRequest.Builder request, String credentialRef) {
    if (credentialRef == null || credentialRef.isBlank()) {
      return true;
    }
    if (!isAllowedReference(credentialRef)) {
      return false;
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
