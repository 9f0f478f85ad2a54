package io.ensemble.onboarding;

import io.ensemble.partnerapi.client.ConformanceReport;
import io.ensemble.partnerapi.client.PartnerApiClient;
import io.ensemble.partnerapi.client.PartnerCall;
import io.ensemble.partnerapi.client.PartnerCallException;
import io.ensemble.partnerapi.client.SandboxState;
import io.ensemble.partnerapi.events.PartnerEventInbox;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The partner calls of onboarding, made through the Partner API client with the idempotency key of the
 * calling step, and the reconciliation of a sandbox's outcome through the partner-event inbox. Business refusals
 * of conformance and provisioning stay {@link BpmnError}s for the model's
 * boundary events; a partner that refuses a notification does not stop the onboarding (logged).
 */
@Component
class OnboardingPartnerCalls {

  private static final Logger LOG = LoggerFactory.getLogger(OnboardingPartnerCalls.class);

  private final PartnerApiClient client;
  private final PartnerEventInbox inbox;

  OnboardingPartnerCalls(PartnerApiClient client, PartnerEventInbox inbox) {
    this.client = client;
    this.inbox = inbox;
  }

  ConformanceReport conformance(DelegateExecution execution, String partnerKey) {
    return client.conformance(PartnerCall.of(execution, partnerKey));
  }

  String provisionSandbox(DelegateExecution execution, String partnerKey, String templateId) {
    return client.provisionSandbox(PartnerCall.of(execution, partnerKey), templateId).sandboxId();
  }

  /**
   * While the onboarding waits for its sandbox: reads the sandbox's state from the partner, and a final one becomes the
   * event the partner's callback would have been, delivered through the inbox once (a late callback is a duplicate).
   * A partner that cannot answer now (down, slow, refusing) is logged and asked again at the next check, so that a
   * waiting onboarding never piles up incidents for a read.
   */
  void reconcileSandbox(DelegateExecution execution, String partnerKey, String sandboxId) {
    SandboxState state;
    try {
      state = client.sandboxState(PartnerCall.of(execution, partnerKey), sandboxId);
    } catch (PartnerCallException | BpmnError unanswered) {
      LOG.warn("Sandbox {} of partner {} not checked, asked again at the next check: {}", sandboxId, partnerKey,
          unanswered.getMessage());
      return;
    }
    if (state == null || !state.isFinal()) {
      return;
    }
    Map<String, String> data = new LinkedHashMap<>();
    data.put("sandboxId", sandboxId);
    if (state.state() == SandboxState.State.READY) {
      if (state.endpointUrl() != null) {
        data.put("endpointUrl", state.endpointUrl());
      }
      inbox.reconcile(partnerKey, SandboxEvents.READY, data);
    } else {
      data.put("reason", state.reason() == null || state.reason().isBlank()
          ? "The partner reports the sandbox FAILED" : state.reason());
      inbox.reconcile(partnerKey, SandboxEvents.FAILED, data);
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
