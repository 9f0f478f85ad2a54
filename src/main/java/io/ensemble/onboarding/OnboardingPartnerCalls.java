package io.ensemble.onboarding;

import io.ensemble.partnerapi.client.ConformanceReport;
import io.ensemble.partnerapi.client.PartnerApiClient;
import io.ensemble.partnerapi.client.PartnerCall;
import io.ensemble.partnerapi.client.PartnerCallException;
import io.ensemble.partnerapi.client.SandboxState;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The partner calls of onboarding, made through the Partner API client with the idempotency key of the
 * calling step. Business refusals of conformance and provisioning stay {@link BpmnError}s for the model's
 * boundary events; a partner that refuses a notification does not stop the onboarding (logged).
 */
@Component
class OnboardingPartnerCalls {

  private static final Logger LOG = LoggerFactory.getLogger(OnboardingPartnerCalls.class);

  private final PartnerApiClient client;

  OnboardingPartnerCalls(PartnerApiClient client) {
    this.client = client;
  }

  ConformanceReport conformance(DelegateExecution execution, String partnerKey) {
    return client.conformance(PartnerCall.of(execution, partnerKey));
  }

  String provisionSandbox(DelegateExecution execution, String partnerKey, String templateId) {
    return client.provisionSandbox(PartnerCall.of(execution, partnerKey), templateId).sandboxId();
  }

  /**
   * Reads the sandbox's state from the partner. A partner that cannot answer now (down, slow, refusing) is logged
   * and asked again at the next check, so that a waiting onboarding never piles up incidents for a read.
   */
  Optional<SandboxState> sandboxState(DelegateExecution execution, String partnerKey, String sandboxId) {
    try {
      return Optional.ofNullable(client.sandboxState(PartnerCall.of(execution, partnerKey), sandboxId));
    } catch (PartnerCallException | BpmnError unanswered) {
      LOG.warn("Sandbox {} of partner {} not checked, asked again at the next check: {}", sandboxId, partnerKey,
          unanswered.getMessage());
      return Optional.empty();
    }
  }

  void deprovisionSandbox(DelegateExecution execution, String partnerKey, String sandboxId) {
    client.deprovisionSandbox(PartnerCall.of(execution, partnerKey), sandboxId);
  }

  /**
   * Removes the sandbox a new one replaces (a retry after a failed or stalled sandbox), within the provisioning
   * step: its own idempotency key, derived from the step's, so that a retried job replays it.
   */
  void deprovisionReplacedSandbox(DelegateExecution execution, String partnerKey, String sandboxId) {
    PartnerCall step = PartnerCall.of(execution, partnerKey);
    client.deprovisionSandbox(PartnerCall.of(partnerKey, step.idempotencyKey() + ":replaced"), sandboxId);
  }

  void notify(DelegateExecution execution, String partnerKey, String type, String summary) {
    try {
      client.notify(PartnerCall.of(execution, partnerKey), type, summary);
    } catch (BpmnError refused) {
      LOG.warn("Partner {} refused the {} notification: {}", partnerKey, type, refused.getMessage());
    }
  }
}
