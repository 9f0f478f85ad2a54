package io.ensemble.partnerapi.sandbox;

import io.ensemble.partnerapi.client.PartnerApiClient;
import io.ensemble.partnerapi.sandbox.SandboxPartnerLedger.Answer;
import io.ensemble.security.CurrentUser;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox partner: a working implementation of Ensemble Partner API v1 at
 * {@code /sandbox-partners/{partnerKey}/v1/...} for any partner key, with configurable latency, faults and
 * callbacks (demo profile and tests; off in production). Its behaviour and ledger endpoints are for
 * administrators.
 */
@RestController
@RequestMapping("/sandbox-partners/{partnerKey}")
@ConditionalOnProperty(name = "ensemble.sandbox-partner.enabled", havingValue = "true")
class SandboxPartnerController {

  private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

  private final SandboxPartner partner;
  private final SandboxPartnerLedger ledger;
  private final CurrentUser currentUser;

  SandboxPartnerController(SandboxPartner partner, SandboxPartnerLedger ledger, CurrentUser currentUser) {
    this.partner = partner;
    this.ledger = ledger;
    this.currentUser = currentUser;
  }

  @GetMapping("/v1/conformance")
  ResponseEntity<?> conformance(@PathVariable String partnerKey) {
    return answer(partnerKey, "conformance", null, true, () -> {
      boolean conformant = partner.behaviour(partnerKey).conformant();
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("conformant", conformant);
      report.put("apiVersion", "1.0");
      report.put("capabilities", List.of("sandboxes", "pilots", "opportunities", "offers", "notifications"));
      report.put("problems", conformant ? List.of() : List.of("GET /v1/pilots/{pilotId}/metrics is not implemented"));
      report.put("dataGovernance", Map.of("dataResidency", List.of("EU"),
          "certifications", List.of("ISO27001", "SOC2"), "dpaSigned", true));
      return new Answer(200, report, null);
    });
  }

  /**
   * A request that carries a webhook secret. Its {@code toString} leaves the secret out, because that is what
   * Spring MVC writes to the debug log when it reads a request body.
   */
  record WebhookRequest(String templateId, String callbackUrl, String webhookSecret) {
    WebhookRequest {
      templateId = blankToNull(templateId);
      callbackUrl = blankToNull(callbackUrl);
      webhookSecret = blankToNull(webhookSecret);
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
      return "WebhookRequest[templateId=" + templateId + ", callbackUrl=" + callbackUrl + ", webhookSecret=***]";
    }
  }

  @PostMapping("/v1/sandboxes")
  ResponseEntity<?> provisionSandbox(@PathVariable String partnerKey,
      @RequestHeader(name = PartnerApiClient.IDEMPOTENCY_KEY, required = false) String key,
      @RequestBody(required = false) WebhookRequest request) {
    return answer(partnerKey, "provisionSandbox", key, false, () -> {
      String templateId = request == null ? null : request.templateId();
      String callbackUrl = request == null ? null : request.callbackUrl();
      String secret = request == null ? null : request.webhookSecret();
      if (templateId == null || callbackUrl == null || secret == null) {
        return invalid("templateId, callbackUrl and webhookSecret are required");
      }
      if (partner.behaviour(partnerKey).unsupportedTemplates().contains(templateId)) {
        return new Answer(422, problem(422, "Unsupported template", "Template " + templateId + " is not supported"),
            null);
      }
      partner.webhook(partnerKey, callbackUrl, secret);
      String sandboxId = partner.newSandbox(partnerKey);
      partner.reportSandbox(partnerKey, sandboxId, templateId);
      return new Answer(202, Map.of("sandboxId", sandboxId, "status", "PROVISIONING"), sandboxId);
    });
  }

  @GetMapping("/v1/sandboxes/{sandboxId}")
  ResponseEntity<?> sandbox(@PathVariable String partnerKey, @PathVariable String sandboxId) {
    return answer(partnerKey, "getSandbox", null, true, () -> partner.sandboxState(partnerKey, sandboxId)
        .map(state -> new Answer(200, state, sandboxId))
        .orElseGet(() -> new Answer(404, problem(404, "Unknown sandbox", "No sandbox " + sandboxId), null)));
  }

  @DeleteMapping("/v1/sandboxes/{sandboxId}")
  ResponseEntity<?> deprovisionSandbox(@PathVariable String partnerKey, @PathVariable String sandboxId,
      @RequestHeader(name = PartnerApiClient.IDEMPOTENCY_KEY, required = false) String key) {
    return answer(partnerKey, "deprovisionSandbox", key, false, () -> partner.removeSandbox(partnerKey, sandboxId)
        ? new Answer(204, null, sandboxId)
        : new Answer(404, problem(404, "Unknown sandbox", "No sandbox " + sandboxId), null));
  }

  @PostMapping("/v1/pilots")
  ResponseEntity<?> joinPilot(@PathVariable String partnerKey,
      @RequestHeader(name = PartnerApiClient.IDEMPOTENCY_KEY, required = false) String key,
      @RequestBody(required = false) Map<String, Object> request) {
    return answer(partnerKey, "joinPilot", key, false, () -> {
      String pilotId = required(request, "pilotId");
      if (pilotId == null || required(request, "charter") == null) {
        return invalid("pilotId and charter are required");
      }
      return new Answer(201, Map.of("pilotId", pilotId, "status", "JOINED",
          "contact", "delivery-lead@" + partnerKey + ".example"), pilotId);
    });
  }

  @GetMapping("/v1/pilots/{pilotId}/metrics")
  ResponseEntity<?> pilotMetrics(@PathVariable String partnerKey, @PathVariable String pilotId) {
    return answer(partnerKey, "pilotMetrics", null, true, () -> {
      SandboxBehaviour behaviour = partner.behaviour(partnerKey);
      return new Answer(200, Map.of("pilotId", pilotId,
          "kpis", List.of(Map.of("name", "adoption", "plan", 100.0, "actual", 100.0 * behaviour.kpiAttainment())),
          "openIssues", behaviour.openCriticalIssues(),
          "openCriticalIssues", behaviour.openCriticalIssues(),
          "slaBreaches", behaviour.slaBreaches()), pilotId);
    });
  }

  @PostMapping("/v1/opportunities")
  ResponseEntity<?> registerOpportunity(@PathVariable String partnerKey,
      @RequestHeader(name = PartnerApiClient.IDEMPOTENCY_KEY, required = false) String key,
      @RequestBody(required = false) Map<String, Object> request) {
    return answer(partnerKey, "registerOpportunity", key, false, () -> {
      String opportunityId = required(request, "opportunityId");
      if (opportunityId == null || required(request, "customerName") == null) {
        return invalid("opportunityId and customerName are required");
      }
      return new Answer(201, Map.of("opportunityId", opportunityId,
          "partnerReference", "OPP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(),
          "status", "REGISTERED"), opportunityId);
    });
  }

  @PutMapping("/v1/offers/{offerKey}")
  ResponseEntity<?> publishOffer(@PathVariable String partnerKey, @PathVariable String offerKey,
      @RequestHeader(name = PartnerApiClient.IDEMPOTENCY_KEY, required = false) String key,
      @RequestBody(required = false) Map<String, Object> request) {
    return answer(partnerKey, "publishOffer", key, false, () -> {
      if (required(request, "name") == null || required(request, "pricingModel") == null) {
        return invalid("name and pricingModel are required");
      }
      return new Answer(200, Map.of("offerKey", offerKey, "status", "PUBLISHED"), offerKey);
    });
  }

  /** Figures from the partner's behaviour: the outcome is its KPI attainment in percent, breaches as configured. */
  @GetMapping("/v1/offers/{offerKey}/settlement-figures")
  ResponseEntity<?> settlementFigures(@PathVariable String partnerKey, @PathVariable String offerKey,
      @org.springframework.web.bind.annotation.RequestParam String from,
      @org.springframework.web.bind.annotation.RequestParam String to) {
    return answer(partnerKey, "settlementFigures", null, true, () -> {
      SandboxBehaviour behaviour = partner.behaviour(partnerKey);
      return new Answer(200, Map.of("offerKey", offerKey, "from", from, "to", to,
          "outcomeActual", java.math.BigDecimal.valueOf(behaviour.kpiAttainment() * 100).setScale(2,
              java.math.RoundingMode.HALF_EVEN),
          "slaBreaches", behaviour.slaBreaches()), offerKey);
    });
  }

  @PostMapping("/v1/notifications")
  ResponseEntity<?> notify(@PathVariable String partnerKey,
      @RequestHeader(name = PartnerApiClient.IDEMPOTENCY_KEY, required = false) String key,
      @RequestBody(required = false) Map<String, Object> request) {
    return answer(partnerKey, "notify", key, false, () -> {
      String type = required(request, "type");
      return type == null ? invalid("type is required") : new Answer(204, null, type);
    });
  }

  @PutMapping("/v1/webhook")
  ResponseEntity<?> updateWebhook(@PathVariable String partnerKey,
      @RequestHeader(name = PartnerApiClient.IDEMPOTENCY_KEY, required = false) String key,
      @RequestBody(required = false) WebhookRequest request) {
    return answer(partnerKey, "updateWebhook", key, false, () -> {
      String callbackUrl = request == null ? null : request.callbackUrl();
      String secret = request == null ? null : request.webhookSecret();
      if (callbackUrl == null || secret == null) {
        return invalid("callbackUrl and webhookSecret are required");
      }
      partner.webhook(partnerKey, callbackUrl, secret);
      return new Answer(204, null, null);
    });
  }

  @GetMapping("/behaviour")
  ResponseEntity<?> behaviour(@PathVariable String partnerKey) {
    return adminOnly(() -> ResponseEntity.ok(partner.behaviour(partnerKey)));
  }

  @PutMapping("/behaviour")
  ResponseEntity<?> changeBehaviour(@PathVariable String partnerKey, @RequestBody Map<String, Object> changes) {
    return adminOnly(() -> {
      try {
        return ResponseEntity.ok(partner.changeBehaviour(partnerKey, changes));
      } catch (IllegalArgumentException e) {
        return ResponseEntity.badRequest().contentType(PROBLEM).body(
            problem(400, "Invalid behaviour", e.getMessage()));
      }
    });
  }

  @GetMapping("/ledger")
  ResponseEntity<?> ledger(@PathVariable String partnerKey) {
    return adminOnly(() -> ResponseEntity.ok(Map.of("partnerKey", partnerKey, "effects", ledger.effects(partnerKey))));
  }

  /** Faults first (no effect), then the effect once per Idempotency-Key, then the latency, then the answer. */
  private ResponseEntity<?> answer(String partnerKey, String operation, String idempotencyKey, boolean safe,
      Supplier<Answer> effect) {
    ledger.received(partnerKey, operation);
    SandboxBehaviour behaviour = partner.behaviour(partnerKey);
    Integer fault = behaviour.failWith() != null ? behaviour.failWith()
        : ThreadLocalRandom.current().nextDouble() < behaviour.faultRate() ? 503 : null;
    if (fault != null) {
      var response = ResponseEntity.status(fault).contentType(PROBLEM);
      if (fault == 429 || fault == 503) {
        response.header("Retry-After", "1");
      }
      return response.body(problem(fault, "Sandbox fault", "Injected fault for " + operation));
    }
    Answer answer;
    if (safe) {
      answer = effect.get();
    } else if (idempotencyKey == null || idempotencyKey.isBlank()) {
      answer = invalid("Header Idempotency-Key is required");
    } else {
      answer = ledger.once(partnerKey, operation, idempotencyKey, effect).answer();
    }
    pause(behaviour.latencyMillis());
    var response = ResponseEntity.status(answer.status());
    if (answer.body() instanceof ProblemDetail) {
      response.contentType(PROBLEM);
    }
    return answer.body() == null ? response.build() : response.body(answer.body());
  }

  private ResponseEntity<?> adminOnly(Supplier<ResponseEntity<?>> action) {
    currentUser.requireAdmin("change or read the sandbox partner");
    return action.get();
  }

  private static String required(Map<String, Object> request, String field) {
    Object value = request == null ? null : request.get(field);
    return value instanceof String text && !text.isBlank() ? text : null;
  }

  private static Answer invalid(String detail) {
    return new Answer(400, problem(400, "Invalid request", detail), null);
  }

  private static ProblemDetail problem(int status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
    problem.setTitle(title);
    problem.setType(URI.create("https://ensemble.example/problems/" + title.toLowerCase().replace(' ', '-')));
    return problem;
  }

  private static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis); // simulated partner latency
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
