package io.ensemble.pilot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.governance.item.GovernanceItem;
import io.ensemble.platform.InvalidInputException;
import io.ensemble.security.EnsembleGroup;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/pilots/{key}}: a pilot as the governance office, the alliance managers and the CIO see it —
 * line-up, lead, criteria, runbook, checkpoints with their health, reasons and each partner's metrics, the
 * governance items raised for it, the timeline (its own entries and its items, in time order) and the outcome.
 */
@RestController
@RequestMapping("/api/pilots")
@Tag(name = "Pilots")
class PilotController {

  private static final Logger LOG = LoggerFactory.getLogger(PilotController.class);
  static final Set<String> READERS = Set.of(EnsembleGroup.GOVERNANCE_OFFICE.id(),
      EnsembleGroup.ALLIANCE_MANAGERS.id(), EnsembleGroup.CIO.id());

  record Member(String partnerKey, String role, Instant enrolledAt, String contact) {}

  record Criterion(String name, double plan, double weight) {}

  record Runbook(String reference, List<String> steps) {}

  record PartnerMetrics(String partnerKey, JsonNode kpis, int openCriticalIssues, int slaBreaches,
      Instant fetchedAt) {}

  record Checkpoint(int number, Instant dueAt, Instant ratedAt, String health, String reason, Double attainment,
      Integer openCriticalIssues, Integer slaBreaches, List<String> missingPartners, Long decisionRecordId,
      List<PartnerMetrics> metrics) {}

  // Schema names apart from other controllers' records of the same simple name, which would share one schema.
  @Schema(name = "PilotGovernanceItem")
  record Item(long id, String kind, String severity, String title, String status, String partnerKey,
      Instant raisedAt) {}

  @Schema(name = "PilotTimelineEntry")
  record Entry(String type, String actor, String note, Instant at) {}

  @Schema(name = "PilotOutcome")
  record Outcome(String outcome, String note, String decidedBy, Instant decidedAt, Double finalAttainment,
      Double weeksFromKickoff) {}

  record PilotView(String key, String name, String status, String leadIntegrator, String serviceDeskQueue,
      Runbook runbook, String duration, String checkpointInterval, Instant startedAt, Instant endsAt, int extensions,
      List<Member> lineUp, List<Criterion> criteria, List<Checkpoint> checkpoints, List<Item> items,
      List<Entry> timeline, Outcome outcome, String processInstanceId) {}

  private final PilotStore store;
  private final PilotItems items;
  private final IdentityService identityService;
  private final ObjectMapper json;

  PilotController(PilotStore store, PilotItems items, IdentityService identityService, ObjectMapper json) {
    this.store = store;
    this.items = items;
    this.identityService = identityService;
    this.json = json;
  }

  @GetMapping("/{key}")
  @Operation(operationId = "getPilot", summary = "One pilot: line-up, criteria, runbook, checkpoints with their "
      + "health and metrics, governance items, timeline and outcome")
  @ApiResponse(responseCode = "200", description = "The pilot")
  @ApiResponse(responseCode = "403", description = "Not the governance office, an alliance manager or the CIO office")
  @ApiResponse(responseCode = "404", description = "No pilot with that key")
  @Transactional(readOnly = true)
  PilotView pilot(@PathVariable String key) {
    Authentication caller = identityService.getCurrentAuthentication();
    if (caller == null) {
      throw new InvalidInputException(403, "Authentication required");
    }
    List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    if (groups.stream().noneMatch(READERS::contains)) {
      LOG.warn("{} may not read pilots", caller.getUserId());
      throw new InvalidInputException(403, "Only " + String.join(", ", READERS.stream().sorted().toList())
          + " may read pilots");
    }
    PilotStore.Pilot pilot = store.pilot(key).orElseThrow(() -> new InvalidInputException(404, "No pilot " + key));
    List<PilotStore.Member> members = store.members(key);
    List<PilotStore.Metrics> metrics = store.metrics(key);
    List<Checkpoint> checkpoints = store.checkpoints(key).stream().map(c -> new Checkpoint(c.number(), c.dueAt(),
        c.ratedAt(), c.health(), c.reason(), c.attainment(), c.openCritical(), c.slaBreaches(),
        c.missingPartners() == null ? List.of() : List.of(c.missingPartners().split(",")), c.decisionRecordId(),
        metrics.stream().filter(m -> m.checkpoint() == c.number()).map(m -> new PartnerMetrics(m.partnerKey(),
            tree(m.kpisJson()), m.openCritical(), m.slaBreaches(), m.fetchedAt())).toList())).toList();
    List<GovernanceItem> raised = items.of(key, members.stream().map(PilotStore.Member::partnerKey).toList());
    List<Entry> timeline = new ArrayList<>(store.timeline(key).stream()
        .map(e -> new Entry(e.type(), e.actor(), e.note(), e.at())).toList());
    raised.forEach(item -> timeline.add(new Entry("ITEM_RAISED", item.getRaisedBy(), item.getKind().label() + " #"
        + item.getId() + " (" + item.getSeverity() + "): " + item.getTitle(), item.getRaisedAt())));
    timeline.sort(Comparator.comparing(Entry::at));
    return new PilotView(pilot.key(), pilot.name(), pilot.status(), pilot.leadIntegrator(), pilot.serviceDeskQueue(),
        new Runbook(pilot.runbookReference(), store.runbookSteps(key)), pilot.duration(), pilot.checkpointInterval(),
        pilot.startedAt(), pilot.endsAt(), pilot.extensions(),
        members.stream().map(m -> new Member(m.partnerKey(), m.role(), m.enrolledAt(), m.contact())).toList(),
        store.criteria(key).stream().map(c -> new Criterion(c.name(), c.plan(), c.weight())).toList(),
        checkpoints,
        raised.stream().map(i -> new Item(i.getId(), i.getKind().name(), i.getSeverity().name(), i.getTitle(),
            i.getStatus().name(), i.getPartnerKey(), i.getRaisedAt())).toList(),
        timeline,
        pilot.outcome() == null ? null : new Outcome(pilot.outcome(), pilot.outcomeNote(), pilot.decidedBy(),
            pilot.decidedAt(), pilot.finalAttainment(), pilot.weeksToDecision()),
        pilot.processInstanceId());
  }

  private JsonNode tree(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      return json.getNodeFactory().textNode(text);
    }
  }
}
