package io.ensemble.governance.item;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * One risk, customer issue, timeline slip or escalation in the governance register. The register is the truth
 * about an item (kind, severity, owner, due dates, source); its {@code governance-item} process instance,
 * business key = {@link #getId()}, reads it from here instead of from process variables.
 */
@Entity
@Table(name = "governance_item")
public class GovernanceItem {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Enumerated(EnumType.STRING)
  private ItemKind kind;

  @Enumerated(EnumType.STRING)
  private ItemSeverity severity;

  private String title;

  private String description;

  @Enumerated(EnumType.STRING)
  private ItemStatus status;

  private String ownerGroup;

  private String partnerKey;
  private String initiativeKey;
  private String pilotKey;
  private String offerKey;
  private String sourceProcessInstanceId;

  private String raisedBy;
  private String raiserGroups;
  private Instant raisedAt;
  private Instant respondBy;
  private Instant resolveBy;
  private Instant triagedAt;
  private Instant resolvedAt;
  private Instant closedAt;
  private String resolution;
  private Instant responseBreachedAt;
  private Instant resolutionBreachedAt;
  private String processInstanceId;

  private String idempotencyCaller;
  private String idempotencyKey;
  private String requestHash;

  @Version
  private long version;

  protected GovernanceItem() {}

  GovernanceItem(RaiseRequest request, Raiser raiser, Instant raisedAt, Instant respondBy, Instant resolveBy) {
    this.kind = request.kind();
    this.severity = request.severity();
    this.title = request.title();
    this.description = request.description();
    this.partnerKey = request.partnerKey();
    this.initiativeKey = request.initiativeKey();
    this.pilotKey = request.pilotKey();
    this.offerKey = request.offerKey();
    this.sourceProcessInstanceId = raiser.processInstanceId();
    this.raisedBy = raiser.id();
    this.raiserGroups = "," + String.join(",", raiser.groups()) + ",";
    this.status = ItemStatus.RAISED;
    this.raisedAt = raisedAt;
    this.respondBy = respondBy;
    this.resolveBy = resolveBy;
  }

  void rememberIdempotency(String caller, String key, String hash) {
    this.idempotencyCaller = caller;
    this.idempotencyKey = key;
    this.requestHash = hash;
  }

  void startedAs(String processInstanceId) {
    this.processInstanceId = processInstanceId;
  }

  void triage(ItemKind kind, ItemSeverity severity, String ownerGroup, Instant resolveBy, Instant at) {
    this.kind = kind;
    this.severity = severity;
    this.ownerGroup = ownerGroup;
    this.resolveBy = resolveBy;
    this.status = ItemStatus.ASSIGNED;
    if (triagedAt == null) {
      triagedAt = at;
    }
  }

  void resolve(String resolution, Instant at) {
    this.status = ItemStatus.RESOLVED;
    this.resolution = resolution;
    this.resolvedAt = at;
  }

  void handBack() {
    this.status = ItemStatus.HANDED_BACK;
  }

  void reopen() {
    this.status = ItemStatus.ASSIGNED;
    this.resolvedAt = null;
  }

  void close(Instant at) {
    this.status = ItemStatus.CLOSED;
    this.closedAt = at;
  }

  void responseBreached(Instant at) {
    if (responseBreachedAt == null) {
      responseBreachedAt = at;
    }
  }

  void resolutionBreached(Instant at) {
    if (resolutionBreachedAt == null) {
      resolutionBreachedAt = at;
    }
  }

  /** The date the item is due next: respond by it until triaged, then resolve by it. */
  public Instant currentDue() {
    return status == ItemStatus.RAISED ? respondBy : resolveBy;
  }

  public boolean isOverdue(Instant now) {
    return status.isOpen() && currentDue().isBefore(now);
  }

  public boolean isBreached() {
    return responseBreachedAt != null || resolutionBreachedAt != null;
  }

  public List<String> getRaiserGroups() {
    return Arrays.stream(raiserGroups.split(",")).filter(g -> !g.isBlank()).toList();
  }

  /** The owning group, one of the groups given, or one of them raised it. */
  public boolean concerns(String userId, Collection<String> groups) {
    return userId.equals(raisedBy) || (ownerGroup != null && groups.contains(ownerGroup))
        || getRaiserGroups().stream().anyMatch(groups::contains);
  }

  public Long getId() { return id; }
  public String getBusinessKey() { return String.valueOf(id); }
  public ItemKind getKind() { return kind; }
  public ItemSeverity getSeverity() { return severity; }
  public String getTitle() { return title; }
  public String getDescription() { return description; }
  public ItemStatus getStatus() { return status; }
  public String getOwnerGroup() { return ownerGroup; }
  public String getPartnerKey() { return partnerKey; }
  public String getInitiativeKey() { return initiativeKey; }
  public String getPilotKey() { return pilotKey; }
  public String getOfferKey() { return offerKey; }
  public String getSourceProcessInstanceId() { return sourceProcessInstanceId; }
  public String getRaisedBy() { return raisedBy; }
  public Instant getRaisedAt() { return raisedAt; }
  public Instant getRespondBy() { return respondBy; }
  public Instant getResolveBy() { return resolveBy; }
  public Instant getTriagedAt() { return triagedAt; }
  public Instant getResolvedAt() { return resolvedAt; }
  public Instant getClosedAt() { return closedAt; }
  public String getResolution() { return resolution; }
  public Instant getResponseBreachedAt() { return responseBreachedAt; }
  public Instant getResolutionBreachedAt() { return resolutionBreachedAt; }
  public String getProcessInstanceId() { return processInstanceId; }
  public String getIdempotencyKey() { return idempotencyKey; }
  public String getRequestHash() { return requestHash; }
}
