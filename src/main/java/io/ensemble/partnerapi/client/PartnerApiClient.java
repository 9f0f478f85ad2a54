package io.ensemble.partnerapi.client;

import io.ensemble.partnerapi.PartnerApiProperties;
import io.ensemble.partnerapi.events.WebhookSecrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partnerapi.client.PartnerCallLog.Outcome;
import io.ensemble.platform.LocalServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The one client of Ensemble Partner API v1, used by every delegate. Answers are mapped here and only here:
 * <ul>
 *   <li>2xx: the parsed answer;</li>
 *   <li>a business 4xx: a {@link BpmnError} with the operation's stable code (see {@link PartnerApiErrors});</li>
 *   <li>5xx, 429, 401/403/408, timeouts, broken connections, malformed bodies, an open circuit:
 *       a {@link PartnerCallException}, so that the engine retries the job and finally raises an incident.</li>
 * </ul>
 * Every attempt is written to the partner-call log. Credentials are resolved per call from their reference.
 */
@Component
public class PartnerApiClient {

  private static final Logger LOG = LoggerFactory.getLogger(PartnerApiClient.class);
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final String JSON = "application/json";
  /** Client errors that mean "fix the configuration or try again", not "the partner said no". */
  private static final Set<Integer> TECHNICAL_CLIENT_ERRORS = Set.of(401, 403, 407, 408, 425, 429);
  /** Every answer of the contract is small; more is a broken or hostile partner. */
  static final int MAX_RESPONSE_BYTES = 256 * 1024;
  /** A partner may ask for a pause, not park a job for ever. */
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  private final HttpClient http;
  private final PartnerRepository partners;
  private final PartnerCredentials credentials;
  private final CircuitBreakerRegistry circuitBreakers;
  private final PartnerCallRecorder recorder;
  private final WebhookSecrets webhookSecrets;
  private final PartnerApiProperties properties;
  private final ObjectMapper json;
  private final Environment environment;
  private final RolledBackEffects rolledBackEffects;
  private final EgressPolicy egress;

  PartnerApiClient(HttpClient partnerHttpClient, PartnerRepository partners, PartnerCredentials credentials,
      CircuitBreakerRegistry partnerCircuitBreakers, PartnerCallRecorder recorder, WebhookSecrets webhookSecrets,
      PartnerApiProperties properties, ObjectMapper json, Environment environment,
      RolledBackEffects rolledBackEffects, EgressPolicy egress) {
    this.http = partnerHttpClient;
    this.partners = partners;
    this.credentials = credentials;
    this.circuitBreakers = partnerCircuitBreakers;
    this.recorder = recorder;
    this.webhookSecrets = webhookSecrets;
    this.properties = properties;
    this.json = json;
    this.environment = environment;
    this.rolledBackEffects = rolledBackEffects;
    this.egress = egress;
  }

  public ConformanceReport conformance(PartnerCall call) {
    return exchange(call, PartnerOperation.CONFORMANCE, "/v1/conformance", null, ConformanceReport.class);
  }

  /** Asks for a sandbox; the request carries the partner's webhook secret and where to call back. */
  public SandboxProvisioning provisionSandbox(PartnerCall call, String templateId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("templateId", templateId);
    body.put("callbackUrl", callbackUrl());
    body.put("webhookSecret", webhookSecrets.currentSecret(call.partnerKey()));
    return exchange(call, PartnerOperation.PROVISION_SANDBOX, "/v1/sandboxes", body, SandboxProvisioning.class);
  }

  /** Reads a sandbox's state: how a missed {@code sandbox.ready} / {@code sandbox.failed} is reconciled. */
  public SandboxState sandboxState(PartnerCall call, String sandboxId) {
    return exchange(call, PartnerOperation.GET_SANDBOX, "/v1/sandboxes/" + encode(sandboxId), null,
        SandboxState.class);
  }

  /** Removes a sandbox; a sandbox the partner does not know (404) is already gone, which is success. */
  public void deprovisionSandbox(PartnerCall call, String sandboxId) {
    exchange(call, PartnerOperation.DEPROVISION_SANDBOX, "/v1/sandboxes/" + encode(sandboxId), null, Void.class);
  }

  public PilotEnrolment joinPilot(PartnerCall call, PilotRequest pilot) {
    return exchange(call, PartnerOperation.JOIN_PILOT, "/v1/pilots", pilot, PilotEnrolment.class);
  }

  public PilotMetrics pilotMetrics(PartnerCall call, String pilotId) {
    return exchange(call, PartnerOperation.PILOT_METRICS, "/v1/pilots/" + encode(pilotId) + "/metrics", null,
        PilotMetrics.class);
  }

  public OpportunityRegistration registerOpportunity(PartnerCall call, OpportunityRequest opportunity) {
    return exchange(call, PartnerOperation.REGISTER_OPPORTUNITY, "/v1/opportunities", opportunity,
        OpportunityRegistration.class);
  }

  public void publishOffer(PartnerCall call, String offerKey, JointOffer offer) {
    exchange(call, PartnerOperation.PUBLISH_OFFER, "/v1/offers/" + encode(offerKey), offer, Void.class);
  }

  /** The partner's outcome and SLA figures for one settlement period of a launched offer. */
  public SettlementFigures settlementFigures(PartnerCall call, String offerKey, java.time.LocalDate from,
      java.time.LocalDate to) {
    return exchange(call, PartnerOperation.SETTLEMENT_FIGURES, "/v1/offers/" + encode(offerKey)
        + "/settlement-figures?from=" + from + "&to=" + to, null, SettlementFigures.class);
  }

  /** Tells the partner of a decision: APPROVED, REJECTED, WITHDRAWN, ACTIVATED, GO, NO_GO, LAUNCHED. */
  public void notify(PartnerCall call, String type, String summary) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("summary", summary);
    exchange(call, PartnerOperation.NOTIFY, "/v1/notifications", body, Void.class);
  }

  /** Hands the partner a new webhook secret (rotation) over the authenticated channel. */
  public void updateWebhook(PartnerCall call, String webhookSecret) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("callbackUrl", callbackUrl());
    body.put("webhookSecret", webhookSecret);
    exchange(call, PartnerOperation.UPDATE_WEBHOOK, "/v1/webhook", body, Void.class);
  }

  /** Where partners send their events. */
  public String callbackUrl() {
    if (!properties.callbackUrl().isBlank()) {
      return properties.callbackUrl();
    }
    return LocalServer.baseUrl(environment) + "/api/partner-events";
  }

  private <T> T exchange(PartnerCall call, PartnerOperation operation, String path, Object body, Class<T> type) {
    Partner partner = partners.findById(call.partnerKey()).orElseThrow(() ->
        failure(call, operation, null, "partner is not in the registry", null, null));
    if (partner.getApiBaseUrl() == null || partner.getApiBaseUrl().isBlank()) {
      throw failure(call, operation, null, "partner has no API base URL", null, null);
    }
    HttpRequest request = request(call, operation, partner, path, body);

    CircuitBreaker breaker = circuitBreakers.circuitBreaker(call.partnerKey());
    if (!breaker.tryAcquirePermission()) {
      recorder.record(call, operation, Outcome.CIRCUIT_OPEN, null, 0, "circuit breaker open");
      throw failure(call, operation, null, "circuit breaker open, not called",
          properties.circuitBreaker().waitInOpenState(), null);
    }
    recorder.started(call, operation);
    long started = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = http.send(request, BoundedBody.atMost(MAX_RESPONSE_BYTES));
    } catch (HttpTimeoutException e) {
      throw technical(call, operation, breaker, started, null, "no answer within " + properties.readTimeout(), null, e);
    } catch (IOException e) {
      throw technical(call, operation, breaker, started, null, "connection failed (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw technical(call, operation, breaker, started, null, "interrupted", null, e);
    }

    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      T answer;
      try {
        answer = parse(response.body(), type);
      } catch (JsonProcessingException e) {
        throw technical(call, operation, breaker, started, status,
            "malformed response body (" + e.getOriginalMessage() + ")", null, null);
      }
      if (answer instanceof CheckedAnswer checked && checked.problem() != null) {
        throw technical(call, operation, breaker, started, status,
            "malformed response body (" + checked.problem() + ")", null, null);
      }
      succeeded(call, operation, breaker, started, status, Outcome.SUCCESS, null);
      if (!"GET".equals(operation.method())) {
        rolledBackEffects.watch(call, operation, answer instanceof SandboxProvisioning sandbox
            ? () -> deprovisionSandbox(PartnerCall.of(call.partnerKey(), call.idempotencyKey() + ":undo"),
                sandbox.sandboxId())
            : null);
      }
      return answer;
    }
    if (status == 404 && operation == PartnerOperation.DEPROVISION_SANDBOX) {
      succeeded(call, operation, breaker, started, status, Outcome.SUCCESS, "already gone");
      return null;
    }
    if (status >= 400 && status < 500 && !TECHNICAL_CLIENT_ERRORS.contains(status)) {
      String problem = problem(response.body());
      succeeded(call, operation, breaker, started, status, Outcome.REJECTED, problem);
      if (operation.rejectionErrorCode() == null) {
        PartnerCallException refused = failure(call, operation, status, "refused: " + problem, null, null);
        LOG.warn(refused.getMessage());
        throw refused;
      }
      LOG.info("Partner {} rejected {} ({}): HTTP {} {}", call.partnerKey(), operation.id(), call.idempotencyKey(),
          status, problem);
      throw new BpmnError(operation.rejectionErrorCode(),
          "Partner " + call.partnerKey() + " rejected " + operation.id() + " (HTTP " + status + "): " + problem);
    }
    throw technical(call, operation, breaker, started, status, problem(response.body()),
        retryAfter(response), null);
  }

  private HttpRequest request(PartnerCall call, PartnerOperation operation, Partner partner, String path, Object body) {
    URI uri;
    try {
      uri = URI.create(stripTrailingSlash(partner.getApiBaseUrl()) + path);
    } catch (IllegalArgumentException e) {
      throw failure(call, operation, null, "invalid API base URL", null, null);
    }
    egress.violation(uri).ifPresent(rule -> { throw failure(call, operation, null, "not called: the API base URL "
        + rule + " (egress policy: fix the partner's URL or ensemble.partner-api.egress.allow)", null, null); });
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(properties.readTimeout())
        .header("Accept", JSON + ", application/problem+json")
        .header(IDEMPOTENCY_KEY, call.idempotencyKey());
    if (!credentials.authenticate(request, partner.getCredentialRef())) {
      throw failure(call, operation, null,
          "credential reference " + partner.getCredentialRef() + " is not configured (it must be a property "
              + "ensemble.partner-api.credentials.* or an environment variable ENSEMBLE_PARTNER_*)", null, null);
    }
    if (body == null) {
      request.method(operation.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      try {
        request.header("Content-Type", JSON)
            .method(operation.method(), HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("Request body of " + operation.id() + " cannot be written", e);
      }
    }
    return request.build();
  }

  private <T> T parse(String body, Class<T> type) throws JsonProcessingException {
    if (type == Void.class) {
      return null;
    }
    if (body == null || body.isBlank()) {
      throw new JsonProcessingException("empty body") {};
    }
    return json.readValue(body, type);
  }

  private void succeeded(PartnerCall call, PartnerOperation operation, CircuitBreaker breaker, long started,
      int status, Outcome outcome, String note) {
    long nanos = System.nanoTime() - started;
    // a business answer is a healthy partner: only technical failures count against the breaker
    breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    recorder.record(call, operation, outcome, status, TimeUnit.NANOSECONDS.toMillis(nanos), note);
  }

  private PartnerCallException technical(PartnerCall call, PartnerOperation operation, CircuitBreaker breaker,
      long started, Integer status, String problem, Duration retryAfter, Throwable cause) {
    long nanos = System.nanoTime() - started;
    PartnerCallException failure = failure(call, operation, status, problem, retryAfter, cause);
    breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
    recorder.record(call, operation, Outcome.FAILED, status, TimeUnit.NANOSECONDS.toMillis(nanos), problem);
    LOG.warn(failure.getMessage());
    return failure;
  }

  private static PartnerCallException failure(PartnerCall call, PartnerOperation operation, Integer status,
      String problem, Duration retryAfter, Throwable cause) {
    return new PartnerCallException(call, operation, status, problem, retryAfter, cause);
  }

  /** The problem+json {@code detail} (or {@code title}), else the start of the body. */
  private String problem(String body) {
    if (body == null || body.isBlank()) {
      return "no details";
    }
    try {
      JsonNode node = json.readTree(body);
      for (String field : new String[] {"detail", "title"}) {
        if (node.hasNonNull(field)) {
          return node.get(field).asText();
        }
      }
    } catch (JsonProcessingException e) {
      // not JSON: quote it
    }
    return body.length() <= 200 ? body : body.substring(0, 200) + "…";
  }

  /**
   * {@code Retry-After} as delay-seconds or as an HTTP date (RFC 9110 §10.2.3), at most {@link #MAX_RETRY_AFTER};
   * unreadable values are ignored.
   */
  static Duration retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").map(String::trim).flatMap(value -> {
      if (value.matches("\\d+")) {
        // more digits than a long holds is as long as anyone may ask for
        Duration wait = value.length() > 12 ? MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(value));
        return Optional.of(capped(wait));
      }
      try {
        Instant until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(Instant.now(), until);
        return Optional.of(wait.isNegative() ? Duration.ZERO : capped(wait));
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }).orElse(null);
  }

  private static Duration capped(Duration wait) {
    return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
