package io.ensemble.initiative;

import io.ensemble.governance.Decisions;
import io.ensemble.platform.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The partner capabilities an initiative needs (decision {@code capability-map}). Not recorded as a decision
 * record: it shapes neither money nor ownership; Camunda's decision history keeps every evaluation anyway.
 */
@Service
public class CapabilityService {

  public static final String DECISION = "capability-map";

  private final Decisions decisions;

  CapabilityService(Decisions decisions) {
    this.decisions = decisions;
  }

  /** Distinct capabilities in the order of the table's rules. */
  public List<String> requiredCapabilities(GoalMetric goalMetric, OfferingKind offeringKind) {
    if (goalMetric == null || offeringKind == null) {
      throw new InvalidInputException("goalMetric and offeringKind are required");
    }
    return decisions.evaluate(DECISION, Map.of("goalMetric", goalMetric.name(), "offeringKind", offeringKind.name()))
        .result().<String>collectEntries("capability").stream()
        .distinct()
        .toList();
  }
}
