package io.ensemble.onboarding;

import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partner.PartnerReview;
import io.ensemble.partner.PartnerReviewRepository;
import io.ensemble.partner.PartnerStatus;
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

  OnboardingService(PartnerRepository partners, PartnerReviewRepository reviews) {
    this.partners = partners;
    this.reviews = reviews;
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

  public Partner register(OnboardingRequest request, String processInstanceId) {
    requireNotOnboardingOrActive(request.partnerKey());
    Partner partner = partners.findById(request.partnerKey())
        .orElseGet(() -> new Partner(request.partnerKey(), request.partnerName(), request.partnerType(),
            request.apiBaseUrl(), PartnerStatus.ONBOARDING));
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
