package io.ensemble.onboarding;

import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partner.PartnerReview;
import io.ensemble.partner.PartnerReviewRepository;
import io.ensemble.partner.PartnerStatus;
import io.ensemble.partnerapi.events.WebhookSecrets;
import io.ensemble.platform.InvalidInputException;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What onboarding writes to the partner registry. Runs inside the engine's transaction (one Spring
 * transaction for engine and JPA), so a step that fails leaves neither engine state nor registry rows behind.
 * Times are the engine's clock, so that lead times agree with the process history.
 */
@Service
@Transactional
public class OnboardingService {

  private final PartnerRepository partners;
  private final PartnerReviewRepository reviews;
  private final WebhookSecrets webhookSecrets;

  OnboardingService(PartnerRepository partners, PartnerReviewRepository reviews, WebhookSecrets webhookSecrets) {
    this.partners = partners;
    this.reviews = reviews;
    this.webhookSecrets = webhookSecrets;
  }

  /** 409 while the partner is being onboarded or is active; a rejected or withdrawn partner may start again. */
  @Transactional(readOnly = true)
  public void requireNotOnboardingOrActive(String partnerKey) {
    partners.findById(partnerKey).ifPresent(existing -> {
      if (existing.getStatus() == PartnerStatus.ONBOARDING || existing.getStatus() == PartnerStatus.ACTIVE) {
        throw InvalidInputException.conflict(
            "Partner " + partnerKey + " is already " + existing.getStatus() + ": it cannot be onboarded again");
      }
    });
  }

  /**
   * 409 when a known partner comes back at another API base URL that no administrator confirmed: its credential
   * and webhook secret must not go to an address nobody checked.
   */
  @Transactional(readOnly = true)
  public void requireConfirmedApiBaseUrl(String partnerKey, String apiBaseUrl) {
    partners.findById(partnerKey).ifPresent(existing -> {
      if (!apiBaseUrl.equals(existing.getApiBaseUrl()) && !apiBaseUrl.equals(existing.getConfirmedApiBaseUrl())) {
        throw InvalidInputException.conflict("Partner " + partnerKey + " is known at " + existing.getApiBaseUrl()
            + "; a new API base URL needs an administrator's confirmation first: POST /api/partners/" + partnerKey
            + "/api-base-url-confirmation");
      }
    });
  }

  /** An administrator confirms the API base URL of the partner's next onboarding. */
  public void confirmApiBaseUrl(String partnerKey, String apiBaseUrl) {
    Partner partner = partners.findById(partnerKey)
        .orElseThrow(() -> new InvalidInputException(404, "No partner " + partnerKey));
    if (partner.getStatus() == PartnerStatus.ONBOARDING || partner.getStatus() == PartnerStatus.ACTIVE) {
      throw InvalidInputException.conflict("Partner " + partnerKey + " is " + partner.getStatus()
          + ": a new API base URL is confirmed before it is onboarded again");
    }
    partner.setConfirmedApiBaseUrl(apiBaseUrl);
  }

  public Partner register(OnboardingRequest request, String processInstanceId) {
    requireNotOnboardingOrActive(request.partnerKey());
    requireConfirmedApiBaseUrl(request.partnerKey(), request.apiBaseUrl());
    Partner partner = partners.findById(request.partnerKey())
        .orElseGet(() -> new Partner(request.partnerKey(), request.partnerName(), request.partnerType(),
            request.apiBaseUrl(), PartnerStatus.ONBOARDING));
    if (!request.apiBaseUrl().equals(partner.getApiBaseUrl())) {
      // a new address gets nothing of the old one's: no credential, no webhook secret
      partner.setCredentialRef(null);
      webhookSecrets.revoke(request.partnerKey());
    }
    partner.setConfirmedApiBaseUrl(null);
    partner.setName(request.partnerName());
    partner.setType(request.partnerType());
    partner.setApiBaseUrl(request.apiBaseUrl());
    partner.setStatus(PartnerStatus.ONBOARDING);
    partner.setCapabilities(request.capabilities());
    partner.setDataAccess(request.dataAccess());
    partner.setJurisdiction(request.jurisdiction());
    partner.setAnnualContractValue(request.annualContractValue());
    partner.setCertifications(request.certifications());
    partner.setRiskTier(null);
    partner.setSandboxId(null);
    partner.setClosedReason(null);
    partner.setOnboardingInstanceId(processInstanceId);
    partner.setOnboardingStartedAt(now());
    return partners.save(partner);
  }

  public void recordRiskTier(String partnerKey, String tier) {
    partner(partnerKey).setRiskTier(tier);
  }

  public void recordReview(String partnerKey, String processInstanceId, String group, String reason,
      String outcome, String comment, String decidedBy) {
    reviews.save(new PartnerReview(partnerKey, processInstanceId, group, reason, outcome, comment, decidedBy, now()));
  }

  public void recordSandbox(String partnerKey, String sandboxId) {
    partner(partnerKey).setSandboxId(sandboxId);
  }

  /** The sandbox to deprovision, if one is still provisioned. */
  @Transactional(readOnly = true)
  public Optional<String> provisionedSandbox(String partnerKey) {
    return partners.findById(partnerKey).map(Partner::getSandboxId);
  }

  @Transactional(readOnly = true)
  public boolean sandboxOfAnotherPartner(String partnerKey, String sandboxId) {
    return partners.existsBySandboxIdAndKeyNot(sandboxId, partnerKey);
  }

  @Transactional(readOnly = true)
  public boolean isOnboarding(String partnerKey) {
    return partners.findById(partnerKey).filter(p -> p.getStatus() == PartnerStatus.ONBOARDING).isPresent();
  }

  /** Whether the partner touches Ensemble's data (a data-sharing agreement is needed), as registered at the start. */
  @Transactional(readOnly = true)
  public boolean touchesData(String partnerKey) {
    return !"NONE".equals(partner(partnerKey).getDataAccess());
  }

  @Transactional(readOnly = true)
  public String partnerName(String partnerKey) {
    return partner(partnerKey).getName();
  }

  public void sandboxDeprovisioned(String partnerKey) {
    partner(partnerKey).setSandboxId(null);
  }

  public void activate(String partnerKey) {
    partner(partnerKey).activate(now());
  }

  /** Ends the onboarding as {@code REJECTED} or {@code WITHDRAWN}, with the reason people gave. */
  public void close(String partnerKey, PartnerStatus status, String reason) {
    Partner partner = partner(partnerKey);
    partner.setStatus(status);
    partner.setClosedReason(reason == null ? null : truncate(reason, 1000));
  }

  private Partner partner(String partnerKey) {
    return partners.findById(partnerKey)
        .orElseThrow(() -> new IllegalStateException("Partner " + partnerKey + " is not registered"));
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
