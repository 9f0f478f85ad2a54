package io.ensemble.governance.item;

import io.ensemble.governance.Decisions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;

/** The due dates {@code dmn/governance-sla.dmn} gives an item of a kind and severity raised at a time. */
@Service
public class GovernanceSla {

  /** Respond (triage) by, and resolve by. */
  public record DueDates(Instant respondBy, Instant resolveBy) {}

  private final Decisions decisions;
  private final IdentityService identityService;

  GovernanceSla(Decisions decisions, IdentityService identityService) {
    this.decisions = decisions;
    this.identityService = identityService;
  }

  public DueDates dueDates(ItemKind kind, ItemSeverity severity, Instant from) {
    // anyone may raise an item; the decision is the office's rule, evaluated on its behalf
    DmnDecisionResultEntries result = AsApplication.call(identityService, () -> decisions.evaluate(
        GovernanceItemProcess.SLA_DECISION, Map.of("kind", kind.name(), "severity", severity.name()))
        .result().getSingleResult());
    if (result == null) {
      throw new IllegalStateException("governance-sla has no rule for " + kind + " " + severity);
    }
    return new DueDates(from.plus(hours(result, "respondWithinHours")), from.plus(hours(result, "resolveWithinHours")));
  }

  private static Duration hours(DmnDecisionResultEntries result, String output) {
    Object value = result.getEntry(output);
    return Duration.ofHours(((Number) value).longValue());
  }
}
