package io.ensemble.onboarding;

import io.ensemble.partner.PartnerRepository;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The partner calls of onboarding, in one place. TEMPORARY ADAPTER: speaks the Partner API contract
 * (CONTRACT.md) directly until {@code io.ensemble.partnerapi.PartnerApiClient} is available; then each method
 * delegates to that client and this class shrinks to the mapping the delegates need.
 */
@Component
class OnboardingPartnerCalls {

  private static final Logger LOG = LoggerFactory.getLogger(OnboardingPartnerCalls.class);

  record Conformance(boolean conformant, List<String> problems) {}

  private final PartnerRepository partners;
  private final HistoryService historyService;
  private final RestClient http = RestClient.create();

  OnboardingPartnerCalls(PartnerRepository partners, HistoryService historyService) {
    this.partners = partners;
    this.historyService = historyService;
  }

  Conformance conformance(DelegateExecution execution, String partnerKey) {
    Map<?, ?> report = call(execution, partnerKey, "conformance", "PARTNER_REJECTED",
        () -> http.get().uri(base(partnerKey) + "/v1/conformance")
            .header("Idempotency-Key", idempotencyKey(execution)).retrieve().body(Map.class));
    @SuppressWarnings("unchecked")
    List<String> problems = report.get("problems") instanceof List<?> list ? (List<String>) list : List.of();
    return new Conformance(Boolean.TRUE.equals(report.get("conformant")), problems);
  }

  String provisionSandbox(DelegateExecution execution, String partnerKey, String templateId) {
    Map<?, ?> answer = call(execution, partnerKey, "provisionSandbox", "SANDBOX_REJECTED",
        () -> http.post().uri(base(partnerKey) + "/v1/sandboxes")
            .header("Idempotency-Key", idempotencyKey(execution))
            .body(Map.of("templateId", templateId)).retrieve().body(Map.class));
    return String.valueOf(answer.get("sandboxId"));
  }

  void deprovisionSandbox(DelegateExecution execution, String partnerKey, String sandboxId) {
    try {
      call(execution, partnerKey, "deprovisionSandbox", "PARTNER_REJECTED",
          () -> http.delete().uri(base(partnerKey) + "/v1/sandboxes/{id}", sandboxId)
              .header("Idempotency-Key", idempotencyKey(execution)).retrieve().toBodilessEntity());
    } catch (BpmnError gone) {
      LOG.info("Sandbox {} of {} is already gone: {}", sandboxId, partnerKey, gone.getMessage());
    }
  }

  /** A partner that refuses a notification does not stop the onboarding: logged, not raised. */
  void notify(DelegateExecution execution, String partnerKey, String type, String summary) {
    try {
      call(execution, partnerKey, "notify", "PARTNER_REJECTED",
          () -> http.post().uri(base(partnerKey) + "/v1/notifications")
              .header("Idempotency-Key", idempotencyKey(execution))
              .body(Map.of("type", type, "summary", summary)).retrieve().toBodilessEntity());
    } catch (BpmnError refused) {
      LOG.warn("Partner {} refused notification {}: {}", partnerKey, type, refused.getMessage());
    }
  }

  private <T> T call(DelegateExecution execution, String partnerKey, String operation, String businessErrorCode,
      java.util.function.Supplier<T> request) {
    try {
      return request.get();
    } catch (RestClientResponseException e) {
      HttpStatusCode status = e.getStatusCode();
      String message = "Partner " + partnerKey + " answered " + status.value() + " to " + operation
          + " (idempotency key " + idempotencyKey(execution) + ")";
      if (status.is4xxClientError() && status.value() != 429 && status.value() != 408) {
        throw new BpmnError(businessErrorCode, message + ": " + e.getResponseBodyAsString());
      }
      throw new IllegalStateException(message, e);
    } catch (RuntimeException e) {
      if (e instanceof BpmnError) {
        throw e;
      }
      throw new IllegalStateException("Partner " + partnerKey + " could not be reached for " + operation
          + " (idempotency key " + idempotencyKey(execution) + "): " + e.getMessage(), e);
    }
  }

  private String base(String partnerKey) {
    String url = partners.findById(partnerKey).orElseThrow().getApiBaseUrl();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Same on every retry of one step; different per step and per iteration of a step in a loop. */
  private String idempotencyKey(DelegateExecution execution) {
    long iteration = historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .activityId(execution.getCurrentActivityId())
        .count();
    return execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId() + ":" + iteration;
  }
}
