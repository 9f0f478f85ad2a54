package io.ensemble.governance.item;

import com.fasterxml.jackson.databind.JsonNode;
import io.ensemble.platform.InvalidInputException;
import io.ensemble.security.EnsembleGroup;
import jakarta.persistence.criteria.Predicate;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The governance register over HTTP. Every Ensemble group may raise items and read the items it owns or raised;
 * the governance office and the CIO read all items and the KPIs. An item the caller may not see is answered 404,
 * as one that does not exist.
 */
@RestController
@RequestMapping("/api/governance")
class GovernanceItemController {

  private static final Logger LOG = LoggerFactory.getLogger(GovernanceItemController.class);
  static final Set<String> SEE_ALL = Set.of(EnsembleGroup.GOVERNANCE_OFFICE.id(), EnsembleGroup.CIO.id());
  static final Set<String> RAISERS = Set.copyOf(GovernanceTaskListener.GROUPS);
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final int MAX_PAGE_SIZE = 100;

  record Source(String partnerKey, String initiativeKey, String pilotKey, String offerKey, String processInstanceId) {}

  record Entry(String type, String actor, String note, Instant at) {}

  record ItemView(long id, ItemKind kind, ItemSeverity severity, String title, String description, ItemStatus status,
      String ownerGroup, Source source, String raisedBy, Instant raisedAt, Instant respondBy, Instant resolveBy,
      Instant due, boolean overdue, Instant triagedAt, Instant resolvedAt, Instant closedAt, String resolution,
      Instant responseBreachedAt, Instant resolutionBreachedAt, String processInstanceId, List<Entry> timeline) {}

  record ItemPage(List<ItemView> items, int page, int size, long total) {}

  private final GovernanceRegister register;
  private final GovernanceItemRepository items;
  private final GovernanceKpis kpis;
  private final IdentityService identityService;

  GovernanceItemController(GovernanceRegister register, GovernanceItemRepository items, GovernanceKpis kpis,
      IdentityService identityService) {
    this.register = register;
    this.items = items;
    this.kpis = kpis;
    this.identityService = identityService;
  }

  @PostMapping("/items")
  ResponseEntity<ItemView> raise(@RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      @RequestBody(required = false) JsonNode body) {
    Caller caller = caller();
    caller.requireAny(RAISERS, "raise governance items");
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200
        || !idempotencyKey.chars().allMatch(c -> c > 32 && c < 127))) {
      throw new InvalidInputException(IDEMPOTENCY_KEY + " must be 1 to 200 visible ASCII characters");
    }
    RaiseRequest request = RaiseRequest.of(fields(body));
    Raiser raiser = Raiser.person(caller.userId(), caller.groups());
    GovernanceRegister.Raised raised;
    try {
      raised = register.raise(request, raiser, idempotencyKey);
    } catch (DataIntegrityViolationException concurrentRepeat) {
      // the same key raced another request of the same caller: that one won, answer with its item
      raised = new GovernanceRegister.Raised(register.earlierRaise(request, raiser, idempotencyKey)
          .orElseThrow(() -> concurrentRepeat), false);
    }
    GovernanceItem item = raised.item();
    return ResponseEntity.status(raised.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/api/governance/items/" + item.getId()))
        .body(view(item, register.timelineOf(item.getId())));
  }

  @GetMapping("/items")
  ItemPage list(@RequestParam(required = false) String status, @RequestParam(required = false) String kind,
      @RequestParam(required = false) String severity, @RequestParam(required = false) String ownerGroup,
      @RequestParam(required = false) String source, @RequestParam(required = false) Boolean overdue,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    Caller caller = caller();
    caller.requireAny(RAISERS, "read governance items");
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidInputException("page must be 0 or more and size 1 to " + MAX_PAGE_SIZE);
    }
    ItemStatus statusFilter = parse("status", status, ItemStatus.class);
    ItemKind kindFilter = parse("kind", kind, ItemKind.class);
    ItemSeverity severityFilter = parse("severity", severity, ItemSeverity.class);
    Instant now = GovernanceRegister.now();
    Specification<GovernanceItem> filter = (root, query, cb) -> {
      List<Predicate> where = new ArrayList<>();
      if (!caller.seesAll()) {
        List<Predicate> mine = new ArrayList<>();
        mine.add(cb.equal(root.get("raisedBy"), caller.userId()));
        if (!caller.groups().isEmpty()) {
          mine.add(root.get("ownerGroup").in(caller.groups()));
        }
        caller.groups().forEach(g -> mine.add(cb.like(root.get("raiserGroups"), "%," + g + ",%")));
        where.add(cb.or(mine.toArray(Predicate[]::new)));
      }
      if (statusFilter != null) where.add(cb.equal(root.get("status"), statusFilter));
      if (kindFilter != null) where.add(cb.equal(root.get("kind"), kindFilter));
      if (severityFilter != null) where.add(cb.equal(root.get("severity"), severityFilter));
      if (ownerGroup != null) where.add(cb.equal(root.get("ownerGroup"), ownerGroup));
      if (source != null) {
        where.add(cb.or(cb.equal(root.get("partnerKey"), source), cb.equal(root.get("initiativeKey"), source),
            cb.equal(root.get("pilotKey"), source), cb.equal(root.get("offerKey"), source),
            cb.equal(root.get("sourceProcessInstanceId"), source)));
      }
      if (overdue != null) {
        Predicate late = cb.and(cb.notEqual(root.get("status"), ItemStatus.CLOSED), cb.or(
            cb.and(cb.equal(root.get("status"), ItemStatus.RAISED), cb.lessThan(root.get("respondBy"), now)),
            cb.and(cb.notEqual(root.get("status"), ItemStatus.RAISED), cb.lessThan(root.get("resolveBy"), now))));
        where.add(overdue ? late : cb.not(late));
      }
      return cb.and(where.toArray(Predicate[]::new));
    };
    Page<GovernanceItem> found = items.findAll(filter,
        PageRequest.of(page, size, Sort.by(Sort.Order.desc("raisedAt"), Sort.Order.desc("id"))));
    return new ItemPage(found.getContent().stream().map(item -> view(item, null)).toList(), page, size,
        found.getTotalElements());
  }

  @GetMapping("/items/{id}")
  ItemView one(@PathVariable String id) {
    Caller caller = caller();
    caller.requireAny(RAISERS, "read governance items");
    long itemId;
    try {
      itemId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(404, "No governance item " + id);
    }
    GovernanceItem item = register.find(itemId)
        .filter(found -> caller.seesAll() || found.concerns(caller.userId(), caller.groups()))
        .orElseThrow(() -> new InvalidInputException(404, "No governance item " + id));
    return view(item, register.timelineOf(itemId));
  }

  @GetMapping("/kpis")
  GovernanceKpis.Kpis kpis(@RequestParam(defaultValue = "" + GovernanceKpis.DEFAULT_WINDOW_DAYS) int windowDays) {
    caller().requireAny(SEE_ALL, "read the governance KPIs");
    if (windowDays < 1 || windowDays > 366) {
      throw new InvalidInputException("windowDays must be 1 to 366");
    }
    return kpis.now(windowDays);
  }

  private static Map<String, Object> fields(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidInputException("Cannot raise a governance item: the body must be a JSON object");
    }
    Map<String, Object> fields = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!RaiseRequest.FIELDS.contains(field.getKey())) {
        unknown.add(field.getKey());
      } else if (!field.getValue().isNull()) {
        fields.put(field.getKey(), field.getValue().isTextual() ? field.getValue().asText() : field.getValue());
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidInputException("Cannot raise a governance item: unknown fields " + unknown
          + "; the fields are " + RaiseRequest.FIELDS);
    }
    return fields;
  }

  private static <E extends Enum<E>> E parse(String name, String value, Class<E> type) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(name + " must be one of " + Arrays.toString(type.getEnumConstants())
          + ", got '" + value + "'");
    }
  }

  private Caller caller() {
    Authentication current = identityService.getCurrentAuthentication();
    if (current == null) {
      throw new InvalidInputException(403, "Authentication required");
    }
    return new Caller(current.getUserId(), current.getGroupIds() == null ? List.of() : current.getGroupIds());
  }

  private record Caller(String userId, List<String> groups) {
    boolean seesAll() {
      return groups.stream().anyMatch(SEE_ALL::contains);
    }

    void requireAny(Set<String> allowed, String action) {
      if (groups.stream().noneMatch(allowed::contains)) {
        LOG.warn("{} may not {}", userId, action);
        throw new InvalidInputException(403, "Only " + String.join(", ", allowed.stream().sorted().toList())
            + " may " + action);
      }
    }
  }

  static ItemView view(GovernanceItem item, List<TimelineEntry> timeline) {
    Instant now = GovernanceRegister.now();
    return new ItemView(item.getId(), item.getKind(), item.getSeverity(), item.getTitle(),
        timeline == null ? null : item.getDescription(), item.getStatus(), item.getOwnerGroup(),
        new Source(item.getPartnerKey(), item.getInitiativeKey(), item.getPilotKey(), item.getOfferKey(),
            item.getSourceProcessInstanceId()),
        item.getRaisedBy(), item.getRaisedAt(), item.getRespondBy(), item.getResolveBy(), item.currentDue(),
        item.isOverdue(now), item.getTriagedAt(), item.getResolvedAt(), item.getClosedAt(), item.getResolution(),
        item.getResponseBreachedAt(), item.getResolutionBreachedAt(), item.getProcessInstanceId(),
        timeline == null ? null : timeline.stream()
            .map(e -> new Entry(e.getType().name(), e.getActor(), e.getNote(), e.getOccurredAt())).toList());
  }
}
