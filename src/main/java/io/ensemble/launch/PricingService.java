package io.ensemble.launch;

import io.ensemble.governance.Decisions;
import io.ensemble.initiative.GoalMetric;
import io.ensemble.platform.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Decides a joint offering's pricing model with decision {@code pricing-model} and records why. */
@Service
public class PricingService {

  public static final String DECISION = "pricing-model";

  public enum UsagePredictability { LOW, MEDIUM, HIGH }

  public enum CustomerSegment { SMB, MIDMARKET, ENTERPRISE }

  /** The inputs of {@code pricing-model}, named as its variables. */
  public record PricingInput(GoalMetric goalMetric, boolean outcomeMeasurable,
      UsagePredictability usagePredictability, int partnerCount, CustomerSegment customerSegment,
      boolean dataProduct) {

    public PricingInput {
      if (goalMetric == null || usagePredictability == null || customerSegment == null) {
        throw new InvalidInputException("goalMetric, usagePredictability and customerSegment are required");
      }
      if (partnerCount < 0) {
        throw new InvalidInputException("partnerCount must not be negative: " + partnerCount);
      }
    }

    Map<String, Object> variables() {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("goalMetric", goalMetric.name());
      variables.put("outcomeMeasurable", outcomeMeasurable);
      variables.put("usagePredictability", usagePredictability.name());
      variables.put("partnerCount", partnerCount);
      variables.put("customerSegment", customerSegment.name());
      variables.put("dataProduct", dataProduct);
      return variables;
    }
  }

  /** The decided model, the reason in one sentence, and the decision record that keeps both. */
  public record PricingDecision(PricingModel pricingModel, String rationale, int decisionVersion, long recordId) {}

  private final Decisions decisions;

  PricingService(Decisions decisions) {
    this.decisions = decisions;
  }

  @Transactional
  public PricingDecision decide(String subjectKey, PricingInput input) {
    DecisionDefinition definition = decisions.latest(DECISION);
    Map<String, Object> variables = input.variables();
    DmnDecisionResultEntries entries = decisions.evaluate(definition, variables).result().getSingleResult();
    if (entries == null) {
      throw new IllegalStateException(DECISION + " has no rule for " + variables);
    }
    PricingModel model = PricingModel.valueOf(entries.<String>getEntry("pricingModel"));
    String rationale = entries.getEntry("rationale");
    long recordId = decisions.record(definition, subjectKey, variables,
        Map.of("pricingModel", model.name(), "rationale", rationale)).getId();
    return new PricingDecision(model, rationale, definition.getVersion(), recordId);
  }
}
