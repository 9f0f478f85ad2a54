package io.ensemble.partner;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A partner of the ecosystem as the registry knows it. Credentials are only ever a reference. */
@Entity
@Table(name = "partner")
public class Partner {

  @Id
  @Column(name = "partner_key")
  private String key;

  private String name;

  @Column(name = "partner_type")
  private String type;

  @Convert(converter = StringListConverter.class)
  private List<String> capabilities = new ArrayList<>();

  @Convert(converter = StringListConverter.class)
  private List<String> regions = new ArrayList<>();

  @Convert(converter = StringListConverter.class)
  private List<String> domains = new ArrayList<>();

  @Enumerated(EnumType.STRING)
  private PartnerStatus status;

  private String riskTier;

  private String apiBaseUrl;

  /** Name of the configured credential (property or environment), never the credential itself. */
  @Column(name = "credential_ref")
  private String credentialRef;

  private Instant createdAt;

  private Instant updatedAt;

  // What the onboarding learnt (V4)
  private String dataAccess;

  private String jurisdiction;

  private Long annualContractValue;

  @Convert(converter = StringListConverter.class)
  private List<String> certifications = new ArrayList<>();

  private String sandboxId;

  private String onboardingInstanceId;

  private Instant onboardingStartedAt;

  private Instant activatedAt;

  @Column(name = "onboarding_lead_time_seconds")
  private Long onboardingLeadTimeSeconds;

  private String closedReason;

  /** A new API base URL an administrator confirmed for the partner's next onboarding (V11_3). */
  private String confirmedApiBaseUrl;

  @Version
  private long version;

  protected Partner() {}

  public Partner(String key, String name, String type, String apiBaseUrl, PartnerStatus status) {
    this.key = key;
    this.name = name;
    this.type = type;
    this.apiBaseUrl = apiBaseUrl;
    this.status = status;
  }

  @PrePersist
  void onCreate() {
    createdAt = Instant.now();
    updatedAt = createdAt;
  }

  @PreUpdate
  void onUpdate() {
    updatedAt = Instant.now();
  }

  public String getKey() { return key; }
  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getType() { return type; }
  public void setType(String type) { this.type = type; }
  public List<String> getCapabilities() { return capabilities; }
  public void setCapabilities(List<String> capabilities) { this.capabilities = new ArrayList<>(capabilities); }
  public List<String> getRegions() { return regions; }
  public void setRegions(List<String> regions) { this.regions = new ArrayList<>(regions); }
  public List<String> getDomains() { return domains; }
  public void setDomains(List<String> domains) { this.domains = new ArrayList<>(domains); }
  public PartnerStatus getStatus() { return status; }
  public void setStatus(PartnerStatus status) { this.status = status; }
  public String getRiskTier() { return riskTier; }
  public void setRiskTier(String riskTier) { this.riskTier = riskTier; }
  public String getApiBaseUrl() { return apiBaseUrl; }
  public void setApiBaseUrl(String apiBaseUrl) { this.apiBaseUrl = apiBaseUrl; }
  public String getCredentialRef() { return credentialRef; }
  public void setCredentialRef(String credentialRef) { this.credentialRef = credentialRef; }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getUpdatedAt() { return updatedAt; }
  public String getDataAccess() { return dataAccess; }
  public void setDataAccess(String dataAccess) { this.dataAccess = dataAccess; }
  public String getJurisdiction() { return jurisdiction; }
  public void setJurisdiction(String jurisdiction) { this.jurisdiction = jurisdiction; }
  public Long getAnnualContractValue() { return annualContractValue; }
  public void setAnnualContractValue(Long annualContractValue) { this.annualContractValue = annualContractValue; }
  public List<String> getCertifications() { return certifications; }
  public void setCertifications(List<String> certifications) { this.certifications = new ArrayList<>(certifications); }
  public String getSandboxId() { return sandboxId; }
  public void setSandboxId(String sandboxId) { this.sandboxId = sandboxId; }
  public String getOnboardingInstanceId() { return onboardingInstanceId; }
  public void setOnboardingInstanceId(String onboardingInstanceId) { this.onboardingInstanceId = onboardingInstanceId; }
  public Instant getOnboardingStartedAt() { return onboardingStartedAt; }
  public void setOnboardingStartedAt(Instant onboardingStartedAt) { this.onboardingStartedAt = onboardingStartedAt; }
  public Instant getActivatedAt() { return activatedAt; }
  public Long getOnboardingLeadTimeSeconds() { return onboardingLeadTimeSeconds; }
  public String getClosedReason() { return closedReason; }
  public void setClosedReason(String closedReason) { this.closedReason = closedReason; }
  public String getConfirmedApiBaseUrl() { return confirmedApiBaseUrl; }
  public void setConfirmedApiBaseUrl(String confirmedApiBaseUrl) { this.confirmedApiBaseUrl = confirmedApiBaseUrl; }

  /** Active from {@code activatedAt}; the lead time runs from the start of this onboarding. */
  public void activate(Instant activatedAt) {
    this.status = PartnerStatus.ACTIVE;
    this.activatedAt = activatedAt;
    this.closedReason = null;
    if (onboardingStartedAt != null) {
      this.onboardingLeadTimeSeconds = java.time.Duration.between(onboardingStartedAt, activatedAt).toSeconds();
    }
  }
}
