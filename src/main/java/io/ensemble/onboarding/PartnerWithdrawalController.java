package io.ensemble.onboarding;

import io.ensemble.onboarding.PartnerOnboardingProcess.Message;
import io.ensemble.onboarding.PartnerOnboardingProcess.Var;
import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partner.PartnerStatus;
import io.ensemble.platform.InvalidInputException;
import io.ensemble.security.CurrentUser;
import io.ensemble.security.EnsembleGroup;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/partners/{key}/withdrawal}: an alliance manager withdraws a partner from its onboarding,
 * with a reason. Alliance managers hold no engine permission to message or change instances; this endpoint
 * checks the caller's group, that there is an onboarding to withdraw, then correlates {@code PartnerWithdrawn}
 * to exactly that onboarding as the application. 404 unknown partner, 409 nothing to withdraw, 400 no reason.
 */
@RestController
class PartnerWithdrawalController {

  private static final Logger LOG = LoggerFactory.getLogger(PartnerWithdrawalController.class);
  static final Set<String> WITHDRAWERS = Set.of(EnsembleGroup.ALLIANCE_MANAGERS.id());
  static final int MAX_REASON = 1000;

  record WithdrawalRequest(String reason) {}

  private final PartnerRepository partners;
  private final RuntimeService runtimeService;
  private final CurrentUser currentUser;

  PartnerWithdrawalController(PartnerRepository partners, RuntimeService runtimeService, CurrentUser currentUser) {
    this.partners = partners;
    this.runtimeService = runtimeService;
    this.currentUser = currentUser;
  }

  @PostMapping("/api/partners/{key}/withdrawal")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, String> withdraw(@PathVariable String key, @RequestBody(required = false) WithdrawalRequest request) {
    String user = currentUser.requireAnyGroup(WITHDRAWERS, "withdraw a partner");
    String reason = request == null || request.reason() == null ? "" : request.reason().strip();
    if (reason.isEmpty()) {
      throw new InvalidInputException("A withdrawal needs a reason: {\"reason\": \"...\"}");
    }
    if (reason.length() > MAX_REASON) {
      throw new InvalidInputException("The reason must be at most " + MAX_REASON + " characters");
    }
    Partner partner = partners.findById(key)
        .orElseThrow(() -> new InvalidInputException(404, "No partner " + key));
    if (partner.getStatus() != PartnerStatus.ONBOARDING || partner.getOnboardingInstanceId() == null) {
      throw InvalidInputException.conflict("Partner " + key + " is " + partner.getStatus()
          + ": there is no onboarding to withdraw");
    }
    currentUser.asApplication(() -> {
      try {
        return runtimeService.createMessageCorrelation(Message.PARTNER_WITHDRAWN)
            .processInstanceId(partner.getOnboardingInstanceId())
            .setVariable(Var.WITHDRAWAL_REASON, reason)
            .correlateWithResult();
      } catch (MismatchingMessageCorrelationException notWaiting) {
        throw InvalidInputException.conflict("The onboarding of partner " + key + " is no longer running");
      }
    });
    LOG.info("{} withdrew partner {}: {}", user, key, reason);
    return Map.of("partnerKey", key, "withdrawnBy", user, "reason", reason);
  }
}
