package io.ensemble.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A LOW-risk partner (no data access, SOC 2, in the EU, under EUR 100,000 a year) onboarded straight through: no
 * review, conformance check and sandbox at the built-in sandbox partner, activation. Started over HTTP as the
 * alliance manager {@code amira}, as an operator's client would.
 */
public final class StraightThroughOnboarding {

  private static final String AUTHORIZATION = "Basic "
      + Base64.getEncoder().encodeToString("amira:amira".getBytes(StandardCharsets.UTF_8));

  private StraightThroughOnboarding() {}

  public static String startBody(String partnerKey, String apiBaseUrl) {
    return """
        {"businessKey": "%s", "variables": {
          "partnerKey": {"value": "%s"},
          "partnerName": {"value": "Load partner %s"},
          "partnerType": {"value": "ISV"},
          "capabilities": {"type": "Json", "value": "[\\"API_STANDARDISATION\\"]"},
          "dataAccess": {"value": "NONE"},
          "jurisdiction": {"value": "DE"},
          "annualContractValue": {"value": 50000, "type": "Long"},
          "certifications": {"type": "Json", "value": "[\\"SOC2\\"]"},
          "apiBaseUrl": {"value": "%s"}}}
        """.formatted(partnerKey, partnerKey, partnerKey, apiBaseUrl);
  }

  /** POSTs the start; answers the HTTP status (0: no answer) and how long it took. */
  public static Started start(HttpClient http, String baseUrl, String partnerKey) {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create(baseUrl + "/engine-rest/process-definition/key/partner-onboarding/start"))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("Authorization", AUTHORIZATION)
        .POST(HttpRequest.BodyPublishers.ofString(startBody(partnerKey, baseUrl + "/sandbox-partners/" + partnerKey)))
        .build();
    long started = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Started(partnerKey, response.statusCode(), System.nanoTime() - started,
          response.statusCode() == 200 ? null : response.body());
    } catch (IOException e) {
      return new Started(partnerKey, 0, System.nanoTime() - started, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Started(partnerKey, 0, System.nanoTime() - started, "interrupted");
    }
  }

  /** One start: status 200 when the onboarding runs. */
  public record Started(String partnerKey, int status, long nanos, String problem) {
    public boolean ok() {
      return status == 200;
    }
  }
}
