package io.ensemble.partner;

import io.ensemble.security.CurrentUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The partner registry, read-only: status, risk tier, reviews and onboarding lead time of every partner.
 * Open to the groups that onboard, review and govern partners; finance, sales and executives get 403
 * (they meet partners through initiatives and launches, not through the registry).
 */
@RestController
@RequestMapping("/api/partners")
class PartnerRegistryController {

  static final Set<String> READERS = Set.of("alliance-managers", "security", "data-governance", "legal",
      "governance-office", "cio", "camunda-admin");

  private final PartnerRepository partners;
  private final PartnerReviewRepository reviews;
  private final CurrentUser currentUser;

  PartnerRegistryController(PartnerRepository partners, PartnerReviewRepository reviews,
      CurrentUser currentUser) {
    this.partners = partners;
    this.reviews = reviews;
    this.currentUser = currentUser;
  }

  record ReviewView(String group, String reason, String outcome, String comment, String decidedBy,
      Instant decidedAt) {}

  record PartnerView(String key, String name, String type, String status, String riskTier,
      List<String> capabilities, String dataAccess, String jurisdiction, Long annualContractValue,
      List<String> certifications, String apiBaseUrl, String sandboxId, Instant onboardingStartedAt,
      Instant activatedAt, String onboardingLeadTime, String closedReason, List<ReviewView> reviews) {}

  @GetMapping
  List<PartnerView> all() {
    currentUser.requireAnyGroup(READERS, "read the partner registry");
    return partners.findAllByOrderByName().stream().map(p -> view(p, null)).toList();
  }

  @GetMapping("/{key}")
  PartnerView one(@PathVariable String key) {
    currentUser.requireAnyGroup(READERS, "read the partner registry");
    Partner partner = partners.findById(key)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No partner " + key));
    return view(partner, reviews.findByPartnerKeyOrderByDecidedAt(key));
  }

  /** A URL registered before the egress policy may still carry {@code user:password@}: never shown. */
  static String withoutUserInfo(String url) {
    return url == null ? null : url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
  }

  private static PartnerView view(Partner p, List<PartnerReview> reviews) {
    Long lead = p.getOnboardingLeadTimeSeconds();
    return new PartnerView(p.getKey(), p.getName(), p.getType(), p.getStatus().name(), p.getRiskTier(),
        p.getCapabilities(), p.getDataAccess(), p.getJurisdiction(), p.getAnnualContractValue(),
        p.getCertifications(), withoutUserInfo(p.getApiBaseUrl()), p.getSandboxId(), p.getOnboardingStartedAt(),
        p.getActivatedAt(), lead == null ? null : Duration.ofSeconds(lead).toString(), p.getClosedReason(),
        reviews == null ? null : reviews.stream().map(r -> new ReviewView(r.getReviewGroup(), r.getReason(),
            r.getOutcome(), r.getComment(), r.getDecidedBy(), r.getDecidedAt())).toList());
  }
}
