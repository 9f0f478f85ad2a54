package io.ensemble.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.governance.DecisionRecord;
import io.ensemble.governance.DecisionRecordRepository;
import io.ensemble.onboarding.PartnerOnboardingProcess;
import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partner.PartnerStatus;
import io.ensemble.partnerapi.events.WebhookSecrets;
import io.ensemble.partnerapi.events.WebhookSignature;
import io.ensemble.security.DemoUsers;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Ensemble's own API and its OpenAPI description agree: the description is served to signed-in users only and
 * holds only {@code /api}; every {@code /api} endpoint the application maps (found in Spring MVC's handler
 * mappings, so that a new one cannot slip through) is described and has at least one exercised case below; and
 * every case's real request and answer are valid against the description.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnsembleApiContractTest {

  static final String CONTRACT = "/api/openapi.json";
  static final String PARTNER = "contract-api-partner";
  static final String WITHDRAWN_PARTNER = "contract-api-withdrawn";
  /** The partner's sandbox, which no process waits for: its event is kept in the inbox. */
  static final String SANDBOX = "sbx-contract-nobody-waits";
  static final String ADMIN = DemoUsers.DEMO_ADMIN;
  /** A partner whose onboarding runs, for the one withdrawal that succeeds. */
  static final String ONBOARDING_PARTNER = "contract-api-onboarding";
  /** A joint offer still being priced, with no process behind it: readable, not retirable. */
  static final String OFFER = "contract-api-offer";
  static final String PILOT = "contract-api-pilot";
  static final String GOVERNANCE_ITEM = """
      {"kind": "RISK", "severity": "LOW", "title": "A partner certificate expires soon"}""";

  @LocalServerPort int port;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
  @Autowired PartnerRepository partners;
  @Autowired DecisionRecordRepository decisionRecords;
  @Autowired WebhookSecrets webhookSecrets;
  @Autowired ObjectMapper json;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcClient jdbc;

  final HttpClient http = HttpClient.newHttpClient();
  String secret;
  long recordId;
  long itemId;
  final String idempotencyKey = "contract-" + UUID.randomUUID();

  @BeforeAll
  void partnerAndDecisionRecord() {
    Partner partner = partners.findById(PARTNER).orElseGet(() -> new Partner(PARTNER, "Contract partner", "ISV",
        "http://localhost:" + port + "/sandbox-partners/" + PARTNER, PartnerStatus.ACTIVE));
    partner.setCredentialRef("ensemble.partner-api.credentials.sandbox");
    partner.setSandboxId(SANDBOX);
    partners.save(partner);
    secret = webhookSecrets.currentSecret(PARTNER);
    if (!partners.existsById(WITHDRAWN_PARTNER)) {
      partners.save(new Partner(WITHDRAWN_PARTNER, "Withdrawn partner", "ISV", "https://old.partner.example",
          PartnerStatus.WITHDRAWN));
    }
    recordId = decisionRecords.save(new DecisionRecord("pricing-model", 1, "pricing-model:1:contract", PARTNER,
        "{\"goalMetric\":\"NEW_REVENUE\"}", "{\"pricingModel\":\"TIERED_SUBSCRIPTION\"}", "contract-test",
        Instant.now())).getId();
    if (runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ONBOARDING_PARTNER).active()
        .count() == 0) {
      runtimeService.startProcessInstanceByKey(PartnerOnboardingProcess.KEY, ONBOARDING_PARTNER, Map.of(
          PartnerOnboardingProcess.Var.PARTNER_KEY, ONBOARDING_PARTNER,
          PartnerOnboardingProcess.Var.PARTNER_NAME, "Onboarding partner",
          PartnerOnboardingProcess.Var.PARTNER_TYPE, "ISV",
          PartnerOnboardingProcess.Var.CAPABILITIES, Variables.objectValue(List.of("TELEMETRY_ANALYTICS"))
              .serializationDataFormat("application/json").create(),
          PartnerOnboardingProcess.Var.DATA_ACCESS, "NONE",
          PartnerOnboardingProcess.Var.JURISDICTION, "DE",
          PartnerOnboardingProcess.Var.ANNUAL_CONTRACT_VALUE, 50_000L,
          PartnerOnboardingProcess.Var.CERTIFICATIONS, "[\"SOC2\"]",
          PartnerOnboardingProcess.Var.API_BASE_URL,
          "http://localhost:" + port + "/sandbox-partners/" + ONBOARDING_PARTNER));
    }
    offerAndPilot();
    try {
      HttpResponse<String> raised = send(post("/api/governance/items").as("sofia").body(GOVERNANCE_ITEM));
      assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
      itemId = json.readTree(raised.body()).path("id").asLong();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows as the launch and pilot processes write them when they start; only reads and refusals need them here. */
  void offerAndPilot() {
    Timestamp now = Timestamp.from(Instant.now());
    if (jdbc.sql("select count(*) from joint_offer where offer_key = ?").param(OFFER).query(Long.class).single() == 0) {
      jdbc.sql("""
          insert into joint_offer (offer_key, name, status, goal_metric, outcome_measurable, usage_predictability,
            customer_segment, data_product, currency, target_launch_date, settlement_period, requested_by,
            requested_at)
          values (?, 'Contract offer', 'PRICING', 'NEW_REVENUE', false, 'HIGH', 'ENTERPRISE', false, 'EUR', ?, 'P1M',
            'amira', ?)""").params(OFFER, LocalDate.now().plusMonths(3), now).update();
      jdbc.sql("insert into joint_offer_partner (offer_key, partner_key, position, role, opportunity_id) "
          + "values (?, ?, 0, 'LEAD_INTEGRATOR', ?)").params(OFFER, PARTNER, OFFER + ":" + PARTNER).update();
    }
    if (jdbc.sql("select count(*) from pilot where pilot_key = ?").param(PILOT).query(Long.class).single() == 0) {
      jdbc.sql("""
          insert into pilot (pilot_key, name, lead_integrator, service_desk_queue, runbook_reference, duration,
            checkpoint_interval, status, started_at, ends_at, extensions, started_by)
          values (?, 'Contract pilot', ?, 'contract-queue', 'https://runbooks.example/contract', 'P6W', 'P2W',
            'RUNNING', ?, ?, 0, 'amira')""")
          .params(PILOT, PARTNER, now, Timestamp.from(Instant.now().plus(Duration.ofDays(42)))).update();
      jdbc.sql("insert into pilot_partner (pilot_key, partner_key, role, position) values (?, ?, 'Integrator', 0)")
          .params(PILOT, PARTNER).update();
    }
  }

  /**
   * One row per answer exercised, in the order they run. A new endpoint needs at least one row here:
   * {@link #everyApiEndpointIsDescribedAndExercised} names every endpoint that has none.
   */
  List<Case> cases() {
    String event = "{\"eventId\":\"evt-contract-" + UUID.randomUUID() + "\",\"type\":\"sandbox.ready\","
        + "\"occurredAt\":\"" + Instant.now() + "\",\"data\":{\"sandboxId\":\"" + SANDBOX + "\"}}";
    String signature = WebhookSignature.sign(secret, Instant.now().getEpochSecond(),
        event.getBytes(StandardCharsets.UTF_8));
    String override = "{\"outputs\":{\"pricingModel\":\"USAGE_BASED\"},\"reason\":\"Anchor customer pays per call\"}";
    return List.of(
        get("/api/partners").as("amira").answers(200),
        get("/api/partners").as("fiona").answers(403),
        get("/api/partners/{key}", PARTNER).as("grace").answers(200),
        get("/api/partners/{key}", "no-such-partner").as("amira").answers(404),

        get("/api/decision-records").as("grace").query("decisionKey=pricing-model&subjectKey=" + PARTNER).answers(200),
        get("/api/decision-records").as("amira").answers(403),
        get("/api/decision-records/{id}", recordId).as("fiona").answers(200),
        get("/api/decision-records/{id}", 999999999).as("grace").answers(404),
        post("/api/decision-records/{id}/override", recordId).as("fiona").body("{\"outputs\":{\"a\":1}}").answers(400),
        post("/api/decision-records/{id}/override", recordId).as("amira").body(override).answers(403),
        post("/api/decision-records/{id}/override", 999999999).as("grace").body(override).answers(404),
        post("/api/decision-records/{id}/override", recordId).as("grace").body(override).answers(200),
        post("/api/decision-records/{id}/override", recordId).as("fiona").body(override).answers(409),

        post("/api/partner-events").signed(PARTNER, signature).body(event).answers(202),
        post("/api/partner-events").signed(PARTNER, signature).body(event).answers(200),
        post("/api/partner-events").signed(PARTNER, "t=1,v1=00").body(event).answers(401),
        post("/api/partner-events").signed("no-such-partner", signature).body(event).answers(404),
        post("/api/partner-events").signed(PARTNER, WebhookSignature.sign(secret, Instant.now().getEpochSecond(),
            "{\"eventId\":\"evt-x\"}".getBytes(StandardCharsets.UTF_8))).body("{\"eventId\":\"evt-x\"}")
            .outsideTheContract().answers(400),

        get("/api/partner-event-inbox").as("grace").answers(200),
        get("/api/partner-event-inbox").as("grace").query("status=PENDING").answers(200),
        get("/api/partner-event-inbox").as("grace").query("status=LOST").answers(400),
        get("/api/partner-event-inbox").as("amira").answers(403),

        post("/api/partners/{key}/api-base-url-confirmation", WITHDRAWN_PARTNER).as(ADMIN)
            .body("{\"apiBaseUrl\":\"https://api.partner.example\"}").answers(200),
        post("/api/partners/{key}/api-base-url-confirmation", PARTNER).as(ADMIN)
            .body("{\"apiBaseUrl\":\"https://api.partner.example\"}").answers(409),
        post("/api/partners/{key}/api-base-url-confirmation", "no-such-partner").as(ADMIN)
            .body("{\"apiBaseUrl\":\"https://api.partner.example\"}").answers(404),
        post("/api/partners/{key}/api-base-url-confirmation", PARTNER).as(ADMIN)
            .body("{\"apiBaseUrl\":\"ftp://x\"}").answers(400),
        post("/api/partners/{key}/api-base-url-confirmation", PARTNER).as("amira")
            .body("{\"apiBaseUrl\":\"https://api.partner.example\"}").answers(403),

        post("/api/partner-webhook-secrets/{partnerKey}/rotation", PARTNER).as(ADMIN).answers(200),
        post("/api/partner-webhook-secrets/{partnerKey}/rotation", PARTNER).as("amira").answers(403),
        post("/api/partner-webhook-secrets/{partnerKey}/rotation", "no-such-partner").as(ADMIN).answers(404),

        post("/api/partners/{key}/withdrawal", ONBOARDING_PARTNER).as("amira")
            .body("{\"reason\":\"Partner chose a competitor\"}").answers(202),
        post("/api/partners/{key}/withdrawal", ONBOARDING_PARTNER).as("amira")
            .body("{\"reason\":\"Twice\"}").answers(409),
        post("/api/partners/{key}/withdrawal", PARTNER).as("amira").body("{}").answers(400),
        post("/api/partners/{key}/withdrawal", PARTNER).as("fiona")
            .body("{\"reason\":\"Not mine to withdraw\"}").answers(403),
        post("/api/partners/{key}/withdrawal", "no-such-partner").as("amira")
            .body("{\"reason\":\"Gone\"}").answers(404),

        post("/api/governance/items").as("sofia").header("Idempotency-Key", idempotencyKey).body(GOVERNANCE_ITEM)
            .answers(201),
        post("/api/governance/items").as("sofia").header("Idempotency-Key", idempotencyKey).body(GOVERNANCE_ITEM)
            .answers(200),
        post("/api/governance/items").as("sofia").body("{\"kind\":\"GOSSIP\",\"title\":\"x\"}")
            .outsideTheContract().answers(400),
        post("/api/governance/items").as("mona").body(GOVERNANCE_ITEM).answers(403),
        get("/api/governance/items").as("grace").answers(200),
        get("/api/governance/items").as("sofia").query("status=RAISED&kind=RISK&size=5").answers(200),
        get("/api/governance/items").as("grace").query("status=LOST").answers(400),
        get("/api/governance/items").as("mona").answers(403),
        get("/api/governance/items/{id}", itemId).as("sofia").answers(200),
        get("/api/governance/items/{id}", itemId).as("amira").answers(404),
        get("/api/governance/items/{id}", itemId).as("mona").answers(403),
        get("/api/governance/kpis").as("carlos").answers(200),
        get("/api/governance/kpis").as("grace").query("windowDays=0").answers(400),
        get("/api/governance/kpis").as("sofia").answers(403),

        get("/api/offers/{offerKey}", OFFER).as("fiona").answers(200),
        get("/api/offers/{offerKey}", OFFER).as("mona").answers(403),
        get("/api/offers/{offerKey}", "no-such-offer").as("sofia").answers(404),
        post("/api/offers/{offerKey}/retirement", OFFER).as("amira").answers(409),
        post("/api/offers/{offerKey}/retirement", OFFER).as("sofia").answers(403),
        post("/api/offers/{offerKey}/retirement", "no-such-offer").as("fiona").answers(404),

        get("/api/pilots/{key}", PILOT).as("grace").answers(200),
        get("/api/pilots/{key}", PILOT).as("fiona").answers(403),
        get("/api/pilots/{key}", "no-such-pilot").as("carlos").answers(404));
  }

  @Test
  void descriptionIsServedToSignedInUsersOnly() throws Exception {
    assertThat(send("GET", CONTRACT, null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/api/docs", null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/api/swagger-ui/index.html", null).statusCode()).isEqualTo(401);

    HttpResponse<String> contract = send("GET", CONTRACT, "amira");
    assertThat(contract.statusCode()).isEqualTo(200);
    assertThat(json.readTree(contract.body()).path("openapi").asText()).startsWith("3.0");
    HttpResponse<String> ui = send("GET", "/api/swagger-ui/index.html", "amira");
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.body()).contains("Swagger UI");
    // springdoc's default locations stay unmapped
    assertThat(send("GET", "/v3/api-docs", "amira").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/swagger-ui/index.html", "amira").statusCode()).isEqualTo(404);
  }

  @Test
  void descriptionHoldsOnlyTheApplicationsOwnApi() throws Exception {
    JsonNode paths = contract().path("paths");
    assertThat(paths.size()).isPositive();
    paths.fieldNames().forEachRemaining(path -> assertThat(path).startsWith("/api/"));
    assertThat(paths.has("/api/partners")).isTrue();
  }

  @Test
  void everyApiEndpointIsDescribedAndExercised() throws Exception {
    JsonNode paths = contract().path("paths");
    Set<String> exercised = new TreeSet<>();
    cases().forEach(c -> exercised.add(c.endpoint()));
    List<String> undescribed = new ArrayList<>();
    List<String> unexercised = new ArrayList<>();
    for (String endpoint : applicationEndpoints()) {
      String[] methodAndPath = endpoint.split(" ", 2);
      if (!paths.path(methodAndPath[1]).has(methodAndPath[0].toLowerCase())) {
        undescribed.add(endpoint);
      }
      if (!exercised.contains(endpoint)) {
        unexercised.add(endpoint);
      }
    }
    assertThat(undescribed).as("endpoints missing from %s", CONTRACT).isEmpty();
    assertThat(unexercised).as("endpoints without a case in %s.cases()", getClass().getSimpleName()).isEmpty();
    assertThat(exercised).as("cases of endpoints the application does not map")
        .isSubsetOf(applicationEndpoints());
  }

  @Test
  void everyRealAnswerMatchesTheDescription() throws Exception {
    OpenApiInteractionValidator validator = OpenApiInteractionValidator
        .createForInlineApiSpecification(send("GET", CONTRACT, "amira").body()).build();
    for (Case c : cases()) {
      HttpResponse<String> response = send(c);
      String what = "%s %s as %s -> %s %s".formatted(c.method(), c.path(), c.user(), response.statusCode(),
          response.body());
      assertThat(response.statusCode()).as(what).isEqualTo(c.status());

      SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
      response.headers().firstValue("Content-Type").ifPresent(answer::withContentType);
      if (!response.body().isEmpty()) {
        answer.withBody(response.body());
      }
      ValidationReport report = validator.validateResponse(c.path(), Request.Method.valueOf(c.method()),
          answer.build());
      if (c.requestInContract()) {
        report = report.merge(validator.validateRequest(asRequest(c)));
      }
      assertThat(report.getMessages()).as(what).isEmpty();
    }
  }

  // --- the application's endpoints, as Spring MVC maps them

  /** {@code "GET /api/partners/{key}"}, for every handler of Ensemble's own code under {@code /api/}. */
  Set<String> applicationEndpoints() {
    Set<String> endpoints = new TreeSet<>();
    mappings.getHandlerMethods().forEach((info, handler) -> {
      if (!isEnsemble(handler)) {
        return;
      }
      for (String pattern : info.getPatternValues()) {
        if (pattern.startsWith("/api/")) {
          info.getMethodsCondition().getMethods().forEach(method -> endpoints.add(method.name() + " " + pattern));
          if (info.getMethodsCondition().getMethods().isEmpty()) {
            endpoints.add("ANY " + pattern);
          }
        }
      }
    });
    return endpoints;
  }

  private static boolean isEnsemble(HandlerMethod handler) {
    return handler.getBeanType().getPackageName().startsWith("io.ensemble");
  }

  // --- the cases

  record Case(String method, String pattern, String path, String query, String user,
      Map<String, String> headers, String body, boolean requestInContract, int status) {

    String endpoint() {
      return method + " " + pattern;
    }

    Case as(String userId) {
      return new Case(method, pattern, path, query, userId, headers, body, requestInContract, status);
    }

    Case query(String queryString) {
      return new Case(method, pattern, path, queryString, user, headers, body, requestInContract, status);
    }

    Case body(String json) {
      return new Case(method, pattern, path, query, user, headers, json, requestInContract, status);
    }

    /** A partner's callback: its key and signature instead of a user. */
    Case signed(String partnerKey, String signature) {
      Map<String, String> signedHeaders = new LinkedHashMap<>(headers);
      signedHeaders.put(WebhookSignature.PARTNER_KEY_HEADER, partnerKey);
      signedHeaders.put(WebhookSignature.SIGNATURE_HEADER, signature);
      return new Case(method, pattern, path, query, user, signedHeaders, body, requestInContract, status);
    }

    Case header(String name, String value) {
      Map<String, String> withHeader = new LinkedHashMap<>(headers);
      withHeader.put(name, value);
      return new Case(method, pattern, path, query, user, withHeader, body, requestInContract, status);
    }

    /** A deliberately malformed request: only the answer is checked against the description. */
    Case outsideTheContract() {
      return new Case(method, pattern, path, query, user, headers, body, false, status);
    }

    Case answers(int expectedStatus) {
      return new Case(method, pattern, path, query, user, headers, body, requestInContract, expectedStatus);
    }
  }

  static Case get(String pattern, Object... pathValues) {
    return call("GET", pattern, pathValues);
  }

  static Case post(String pattern, Object... pathValues) {
    return call("POST", pattern, pathValues);
  }

  static Case call(String method, String pattern, Object... pathValues) {
    String path = pattern;
    for (Object value : pathValues) {
      path = path.replaceFirst("\\{[^}]+}", String.valueOf(value));
    }
    assertThat(path).as("a value for every variable of %s", pattern).doesNotContain("{");
    return new Case(method, pattern, path, null, null, Map.of(), null, true, 0);
  }

  // --- HTTP

  JsonNode contract() throws Exception {
    return json.readTree(send("GET", CONTRACT, "amira").body());
  }

  HttpResponse<String> send(String method, String path, String user) throws Exception {
    return send(new Case(method, path, path, null, user, Map.of(), null, true, 0));
  }

  HttpResponse<String> send(Case c) throws Exception {
    String target = c.path() + (c.query() == null ? "" : "?" + c.query());
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + target))
        .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(c.body()));
    authorization(c).ifPresent(value -> request.header("Authorization", value));
    if (c.body() != null) {
      request.header("Content-Type", "application/json");
    }
    c.headers().forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static java.util.Optional<String> authorization(Case c) {
    if (c.user() == null) {
      return java.util.Optional.empty();
    }
    String password = c.user().equals(ADMIN) ? DemoUsers.DEMO_ADMIN_PASSWORD : c.user();
    return java.util.Optional.of("Basic " + Base64.getEncoder()
        .encodeToString((c.user() + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  static Request asRequest(Case c) {
    SimpleRequest.Builder request = new SimpleRequest.Builder(c.method(), c.path());
    authorization(c).ifPresent(value -> request.withHeader("Authorization", value));
    c.headers().forEach(request::withHeader);
    if (c.body() != null) {
      request.withContentType("application/json").withBody(c.body());
    }
    if (c.query() != null) {
      for (String pair : c.query().split("&")) {
        String[] nameValue = pair.split("=", 2);
        request.withQueryParam(nameValue[0], URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
      }
    }
    return request.build();
  }
}
