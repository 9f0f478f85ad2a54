package io.ensemble.partnerapi;

import io.ensemble.partnerapi.client.JointOffer;
import io.ensemble.partnerapi.client.OpportunityRequest;
import io.ensemble.partnerapi.client.PartnerApiClient;
import io.ensemble.partnerapi.client.PartnerCall;
import io.ensemble.partnerapi.client.PilotRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.ensemble.partnerapi.PartnerApiTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ensemble.partner.PartnerRepository;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The published contract and the code agree: the document is served publicly, every request the client really
 * sends (captured by WireMock) is valid against it, and the sandbox partner's answers are too.
 */
@PartnerApiTest
class PartnerApiContractTest {

  static final String CONTRACT = "/partner-api/v1/openapi.yaml";

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;
  @Autowired PartnerApiClient client;
  @Autowired PartnerRepository partners;

  @Test
  void contractIsServedWithoutCredentials() {
    ResponseEntity<String> contract = rest.getForEntity(CONTRACT, String.class);

    assertThat(contract.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(contract.getHeaders().getContentType()).hasToString("application/yaml");
    assertThat(contract.getBody()).contains("openapi: 3.0.3", "title: Ensemble Partner API",
        "Idempotency-Key", "application/problem+json", "X-Signature",
        "sandbox.ready", "sandbox.failed", "pilot.milestone", "customer.issue", "opportunity.updated");
  }

  @Test
  void everyRequestTheClientSendsMatchesTheContract() {
    // a key of its own per run: the WireMock server outlives a test, and the request count below is exact
    String partnerKey = "contract-partner-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    wireMockPartner(partners, partnerKey);
    String base = "/" + partnerKey;
    wireMock().stubFor(get(urlEqualTo(base + "/v1/conformance")).willReturn(okJson("""
        {"conformant": true, "apiVersion": "1.0", "capabilities": [], "problems": [],
         "dataGovernance": {"dataResidency": [], "certifications": [], "dpaSigned": true}}""")));
    wireMock().stubFor(post(urlEqualTo(base + "/v1/sandboxes")).willReturn(aResponse().withStatus(202)
        .withHeader("Content-Type", "application/json").withBody("{\"sandboxId\":\"sbx-1\",\"status\":\"PROVISIONING\"}")));
    wireMock().stubFor(delete(urlEqualTo(base + "/v1/sandboxes/sbx-1")).willReturn(aResponse().withStatus(204)));
    wireMock().stubFor(post(urlEqualTo(base + "/v1/pilots")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"pilotId\":\"p-1\",\"status\":\"JOINED\"}")));
    wireMock().stubFor(get(urlEqualTo(base + "/v1/pilots/p-1/metrics")).willReturn(okJson("""
        {"pilotId":"p-1","kpis":[{"name":"adoption","plan":100,"actual":80}],"openIssues":1,
         "openCriticalIssues":0,"slaBreaches":0}""")));
    wireMock().stubFor(post(urlEqualTo(base + "/v1/opportunities")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"opportunityId\":\"o-1\",\"partnerReference\":\"X-1\",\"status\":\"REGISTERED\"}")));
    wireMock().stubFor(put(urlEqualTo(base + "/v1/offers/offer-1")).willReturn(okJson(
        "{\"offerKey\":\"offer-1\",\"status\":\"PUBLISHED\"}")));
    wireMock().stubFor(post(urlEqualTo(base + "/v1/notifications")).willReturn(aResponse().withStatus(204)));
    wireMock().stubFor(get(urlEqualTo(base + "/v1/offers/offer-1/settlement-figures?from=2027-04-01&to=2027-05-01"))
        .willReturn(okJson("{\"offerKey\":\"offer-1\",\"from\":\"2027-04-01\",\"to\":\"2027-05-01\","
            + "\"outcomeActual\":92.5,\"slaBreaches\":1}")));
    wireMock().stubFor(put(urlEqualTo(base + "/v1/webhook")).willReturn(aResponse().withStatus(204)));

    client.conformance(PartnerCall.of(partnerKey, "contract-1"));
    client.provisionSandbox(PartnerCall.of(partnerKey, "contract-2"), "standard-eu");
    client.deprovisionSandbox(PartnerCall.of(partnerKey, "contract-3"), "sbx-1");
    client.joinPilot(PartnerCall.of(partnerKey, "contract-4"), new PilotRequest("p-1", "Close the books in 3 days",
        List.of("close in 3 days"), "desk-p-1", "clearpath-consulting", LocalDate.of(2026, 12, 1),
        LocalDate.of(2027, 1, 15)));
    client.pilotMetrics(PartnerCall.of(partnerKey, "contract-5"), "p-1");
    client.registerOpportunity(PartnerCall.of(partnerKey, "contract-6"), new OpportunityRequest("o-1", "Acme",
        "Churn insights", new BigDecimal("250000"), "EUR", LocalDate.of(2027, 3, 31), "QUALIFIED"));
    client.publishOffer(PartnerCall.of(partnerKey, "contract-7"), "offer-1", new JointOffer("Churn insights",
        "REVENUE_SHARE", List.of(new JointOffer.PriceBookEntry("CI-BASE", "Base", "month", new BigDecimal("990"), "EUR")),
        List.of(new JointOffer.RevenueShare("pulsereach", new BigDecimal("30"))), List.of("99.9% availability"),
        LocalDate.of(2027, 4, 1)));
    client.notify(PartnerCall.of(partnerKey, "contract-8"), "APPROVED", "Welcome to the ecosystem");
    client.updateWebhook(PartnerCall.of(partnerKey, "contract-9"), "whsec_rotated");
    client.settlementFigures(PartnerCall.of(partnerKey, "contract-10"), "offer-1", LocalDate.of(2027, 4, 1),
        LocalDate.of(2027, 5, 1));

    OpenApiInteractionValidator contract = validator(base);
    List<LoggedRequest> sent = wireMock().findAll(anyRequestedFor(urlMatching(base + "/.*")));
    assertThat(sent).hasSize(10);
    for (LoggedRequest request : sent) {
      ValidationReport report = contract.validateRequest(asRequest(request));
      assertThat(report.getMessages()).as("%s %s", request.getMethod(), request.getUrl()).isEmpty();
    }
  }

  @Test
  void theContractRefusesARequestWithoutIdempotencyKey() {
    ValidationReport report = validator("/p").validateRequest(SimpleRequest.Builder.post("/p/v1/notifications")
        .withHeader("Authorization", "Bearer t").withContentType("application/json")
        .withBody("{\"type\":\"APPROVED\"}").build());

    assertThat(report.hasErrors()).isTrue();
    assertThat(report.getMessages()).anySatisfy(m -> assertThat(m.getMessage()).contains("Idempotency-Key"));
  }

  @Test
  void theSandboxPartnerAnswersAsTheContractSays() throws Exception {
    String base = "/sandbox-partners/contract-sandbox";
    OpenApiInteractionValidator contract = validator(base);
    String callback = "http://localhost:" + port + "/api/partner-events";
    List<String[]> calls = List.of(
        new String[] {"GET", "/v1/conformance", null},
        new String[] {"POST", "/v1/sandboxes",
            "{\"templateId\":\"standard-eu\",\"callbackUrl\":\"" + callback + "\",\"webhookSecret\":\"whsec_x\"}"},
        new String[] {"POST", "/v1/pilots", "{\"pilotId\":\"p-1\",\"charter\":\"c\"}"},
        new String[] {"GET", "/v1/pilots/p-1/metrics", null},
        new String[] {"POST", "/v1/opportunities", "{\"opportunityId\":\"o-1\",\"customerName\":\"Acme\",\"offering\":\"x\"}"},
        new String[] {"PUT", "/v1/offers/offer-1", "{\"name\":\"Offer\",\"pricingModel\":\"USAGE_BASED\"}"},
        new String[] {"POST", "/v1/notifications", "{\"type\":\"GO\"}"},
        new String[] {"GET", "/v1/offers/offer-1/settlement-figures?from=2027-04-01&to=2027-05-01", null},
        new String[] {"DELETE", "/v1/sandboxes/sbx-unknown", null},
        new String[] {"POST", "/v1/sandboxes",
            "{\"templateId\":\"unsupported\",\"callbackUrl\":\"" + callback + "\",\"webhookSecret\":\"whsec_x\"}"});
    HttpClient http = HttpClient.newHttpClient();
    int n = 0;
    for (String[] call : calls) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + base + call[1]))
          .header("Authorization", "Bearer t").header("Idempotency-Key", "sandbox-contract-" + n++)
          .header("Content-Type", "application/json")
          .method(call[0], call[2] == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(call[2]));
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
      response.headers().firstValue("Content-Type").ifPresent(answer::withContentType);
      if (!response.body().isEmpty()) {
        answer.withBody(response.body());
      }
      ValidationReport report = contract.validateResponse(base + call[1].split("\\?")[0],
          Request.Method.valueOf(call[0]),
          answer.build());
      assertThat(report.getMessages()).as("%s %s -> %s %s", call[0], call[1], response.statusCode(), response.body())
          .isEmpty();
    }
  }

  private OpenApiInteractionValidator validator(String basePath) {
    return OpenApiInteractionValidator.createForInlineApiSpecification(rest.getForObject(CONTRACT, String.class))
        .withBasePathOverride(basePath)
        .build();
  }

  private static Request asRequest(LoggedRequest logged) {
    String[] pathAndQuery = logged.getUrl().split("\\?", 2);
    SimpleRequest.Builder request = new SimpleRequest.Builder(logged.getMethod().getName(), pathAndQuery[0]);
    if (pathAndQuery.length == 2) {
      for (String parameter : pathAndQuery[1].split("&")) {
        String[] nameValue = parameter.split("=", 2);
        request.withQueryParam(nameValue[0], nameValue.length == 2 ? nameValue[1] : "");
      }
    }
    for (var header : logged.getHeaders().all()) {
      request.withHeader(header.key(), header.values());
    }
    if (logged.getBody() != null && logged.getBody().length > 0) {
      request.withBody(logged.getBodyAsString());
    }
    return request.build();
  }
}
