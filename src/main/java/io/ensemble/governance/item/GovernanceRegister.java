package io.ensemble.governance.item;

import io.ensemble.governance.item.TimelineEntry.Type;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.platform.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The governance register: raises items (row and process instance in one transaction) and records every step
 * of their life with who did it. Runs inside the engine's transaction when called from the process, so a step
 * that fails leaves neither engine state nor register rows behind. Times are the engine's clock.
 */
@Service
@Transactional
public class GovernanceRegister {

  /** The raised item, and whether this call raised it (false: an idempotent repeat). */
  public record Raised(GovernanceItem item, boolean created) {}

  private final GovernanceItemRepository items;
  private final TimelineRepository timeline;
  private final PartnerRepository partners;
  private final GovernanceSla sla;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;

  GovernanceRegister(GovernanceItemRepository items, TimelineRepository timeline, PartnerRepository partners,
      GovernanceSla sla, RuntimeService runtimeService, IdentityService identityService) {
    this.items = items;
    this.timeline = timeline;
    this.partners = partners;
    this.sla = sla;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
  }

  /**
   * Raises an item and starts its process through the message start event, as the application. With an
   * idempotency key, a repeat of the same request by the same caller returns the item raised first; the same key
   * with a different request is a 409.
   */
  public Raised raise(RaiseRequest request, Raiser raiser, String idempotencyKey) {
    String hash = sha256(request.toString());
    if (idempotencyKey != null) {
      Optional<GovernanceItem> earlier = items.findByIdempotencyCallerAndIdempotencyKey(raiser.id(), idempotencyKey);
      if (earlier.isPresent()) {
        return new Raised(sameRequest(earlier.get(), hash, idempotencyKey), false);
      }
    }
    GovernanceItem item = register(request, raiser);
    if (idempotencyKey != null) {
      item.rememberIdempotency(raiser.id(), idempotencyKey, hash);
    }
    items.saveAndFlush(item);
    AsApplication.call(identityService, () -> runtimeService.createMessageCorrelation(
            GovernanceItemProcess.Message.ITEM_REPORTED)
        .processInstanceBusinessKey(item.getBusinessKey())
        .setVariable(GovernanceItemProcess.Var.ITEM_ID, item.getId())
        .correlateStartMessage());
    return new Raised(item, true);
  }

  /** The item an idempotency key already raised, if the request is the same; 409 otherwise. */
  @Transactional(readOnly = true)
  public Optional<GovernanceItem> earlierRaise(RaiseRequest request, Raiser raiser, String idempotencyKey) {
    String hash = sha256(request.toString());
    return items.findByIdempotencyCallerAndIdempotencyKey(raiser.id(), idempotencyKey)
        .map(earlier -> sameRequest(earlier, hash, idempotencyKey));
  }

  private static GovernanceItem sameRequest(GovernanceItem earlier, String hash, String idempotencyKey) {
    if (!hash.equals(earlier.getRequestHash())) {
      throw InvalidInputException.conflict("Idempotency-Key '" + idempotencyKey + "' was already used for item "
          + earlier.getId() + " with a different request");
    }
    return earlier;
  }

  /** Writes the register row of a new item with the due dates governance-sla gives it; no process yet. */
  public GovernanceItem register(RaiseRequest request, Raiser raiser) {
    if (request.partnerKey() != null && !partners.existsById(request.partnerKey())) {
      throw new InvalidInputException("Cannot raise a governance item: partnerKey '" + request.partnerKey()
          + "' is not a registered partner");
    }
    Instant now = now();
    GovernanceSla.DueDates due = sla.dueDates(request.kind(), request.severity(), now);
    GovernanceItem item = items.saveAndFlush(new GovernanceItem(request, raiser, now, due.respondBy(), due.resolveBy()));
    log(item, Type.RAISED, raiser.id(), request.kind().label() + " (" + request.severity() + ") raised; respond by "
        + due.respondBy() + ", resolve by " + due.resolveBy());
    return item;
  }

  /** Links the item to its process instance, once: a second instance for the same item is a 409. */
  public GovernanceItem claim(long itemId, String processInstanceId) {
    GovernanceItem item = items.findById(itemId).orElseThrow(() -> new InvalidInputException(
        "itemId " + itemId + " is not in the governance register: raise items over POST /api/governance/items"));
    if (item.getProcessInstanceId() != null && !item.getProcessInstanceId().equals(processInstanceId)) {
      throw InvalidInputException.conflict("Governance item " + itemId + " already has its process instance "
          + item.getProcessInstanceId());
    }
    item.startedAs(processInstanceId);
    return item;
  }

  @Transactional(readOnly = true)
  public GovernanceItem item(String businessKey) {
    long id;
    try {
      id = Long.parseLong(businessKey);
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalStateException("Not a governance item business key: " + businessKey);
    }
    return items.findById(id).orElseThrow(() -> new IllegalStateException("No governance item " + id));
  }

  @Transactional(readOnly = true)
  public Optional<GovernanceItem> find(long id) {
    return items.findById(id);
  }

  @Transactional(readOnly = true)
  public List<TimelineEntry> timelineOf(long id) {
    return timeline.findByItemIdOrderByOccurredAtAscIdAsc(id);
  }

  public void triage(String businessKey, ItemKind kind, ItemSeverity severity, String ownerGroup, Instant resolveBy,
      String note, String actor) {
    GovernanceItem item = item(businessKey);
    boolean first = item.getTriagedAt() == null;
    item.triage(kind, severity, ownerGroup, resolveBy, now());
    log(item, Type.TRIAGED, actor, (first ? "" : "Reassigned after hand-back. ") + kind.label() + " (" + severity
        + "), resolve by " + resolveBy + (note == null ? "" : ": " + note));
    log(item, Type.ASSIGNED, actor, "Owned by " + ownerGroup);
  }

  public void resolve(String businessKey, String resolution, String actor) {
    GovernanceItem item = item(businessKey);
    item.resolve(resolution, now());
    log(item, Type.RESOLVED, actor, resolution);
  }

  public void handBack(String businessKey, String reason, String actor) {
    GovernanceItem item = item(businessKey);
    item.handBack();
    log(item, Type.HANDED_BACK, actor, reason);
  }

  public void close(String businessKey, String actor) {
    GovernanceItem item = item(businessKey);
    item.close(now());
    log(item, Type.CLOSED, actor, "Closure confirmed");
  }

  public void reopen(String businessKey, String reason, String actor) {
    GovernanceItem item = item(businessKey);
    item.reopen();
    log(item, Type.REOPENED, actor, reason);
  }

  /** Response overdue: escalated to the governance office. */
  public void responseBreached(String businessKey) {
    GovernanceItem item = item(businessKey);
    item.responseBreached(now());
    log(item, Type.ESCALATED, "system", "Response overdue (due " + item.getRespondBy()
        + "): escalated to governance-office");
  }

  /** Resolution overdue: escalated to the CIO, the last level. */
  public void resolutionBreached(String businessKey) {
    GovernanceItem item = item(businessKey);
    item.resolutionBreached(now());
    log(item, Type.ESCALATED, "system", "Resolution overdue (due " + item.getResolveBy() + "): escalated to cio");
  }

  public void escalationHandled(String businessKey, String group, String action, String actor) {
    log(item(businessKey), Type.ESCALATION_HANDLED, actor, group + ": " + action);
  }

  public void partnerNotified(String businessKey, String type) {
    GovernanceItem item = item(businessKey);
    log(item, Type.PARTNER_NOTIFIED, "system", type + " sent to partner " + item.getPartnerKey());
  }

  public void notificationRefused(String businessKey, String type, String problem) {
    GovernanceItem item = item(businessKey);
    log(item, Type.NOTIFICATION_REFUSED, "system", truncate(type + " refused by partner " + item.getPartnerKey()
        + ": " + problem, 2000));
  }

  private void log(GovernanceItem item, Type type, String actor, String note) {
    timeline.save(new TimelineEntry(item.getId(), type, actor, note == null ? null : truncate(note, 2000), now()));
  }

  static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static String sha256(String text) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
