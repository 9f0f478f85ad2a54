package io.ensemble.launch;

import io.ensemble.governance.Decisions;
import io.ensemble.platform.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides each partner's share of a joint offering: decision {@code revenue-share} weighs each partner by its
 * role under the pricing model, {@link ShareAllocation} turns the weights into shares of exactly 100.00 %,
 * and under outcome-based pricing each share carries an SLA band (bonus above target, penalty below).
 */
@Service
public class RevenueShareService {

  public static final String DECISION = "revenue-share";
  public static final int MAX_PARTNERS = 8;

  public record Participant(String partnerKey, PartnerRole role) {}

  /** One partner's share; {@code slaBandPercent} is 0 unless the pricing is outcome-based. */
  public record Share(String partnerKey, PartnerRole role, int weight, int basisPoints, BigDecimal percent,
      int slaBandPercent) {}

  /** The outcome SLA: each partner's share moves within its band with the outcome attained against target. */
  public record SlaTerm(String description) {}

  public record RevenueShareDecision(PricingModel pricingModel, List<Share> shares, SlaTerm slaTerm,
      int decisionVersion, long recordId) {}

  static final String SLA_TERM = "Outcome SLA: at 100 % of the outcome target each partner receives its share; "
      + "above target it earns a bonus and below target it pays a penalty, linear between 80 % and 120 % of target "
      + "and capped at its band (a percentage of its share).";

  private final Decisions decisions;

  RevenueShareService(Decisions decisions) {
    this.decisions = decisions;
  }

  @Transactional
  public RevenueShareDecision decide(String subjectKey, PricingModel pricingModel, List<Participant> lineUp) {
    validate(pricingModel, lineUp);
    DecisionDefinition definition = decisions.latest(DECISION);
    Map<PartnerRole, DmnDecisionResultEntries> byRole = new EnumMap<>(PartnerRole.class);
    for (Participant participant : lineUp) {
      byRole.computeIfAbsent(participant.role(), role -> evaluate(definition, role, pricingModel));
    }
    List<ShareAllocation.Claim> claims = lineUp.stream()
        .map(p -> new ShareAllocation.Claim(p.partnerKey(), weight(byRole.get(p.role()))))
        .toList();
    List<ShareAllocation.Allocation> allocations = ShareAllocation.largestRemainder(claims);
    List<Share> shares = new ArrayList<>();
    for (int i = 0; i < lineUp.size(); i++) {
      Participant participant = lineUp.get(i);
      ShareAllocation.Allocation allocation = allocations.get(i);
      int band = pricingModel == PricingModel.OUTCOME_BASED ? slaBand(byRole.get(participant.role())) : 0;
      shares.add(new Share(participant.partnerKey(), participant.role(), allocation.weight(),
          allocation.basisPoints(), allocation.percent(), band));
    }
    SlaTerm slaTerm = pricingModel == PricingModel.OUTCOME_BASED ? new SlaTerm(SLA_TERM) : null;

    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("pricingModel", pricingModel.name());
    inputs.put("lineUp", lineUp);
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put("shares", shares);
    outputs.put("rounding", "largest remainder on basis points; ties to the larger weight, then partner key");
    if (slaTerm != null) {
      outputs.put("slaTerm", slaTerm.description());
    }
    long recordId = decisions.record(definition, subjectKey, inputs, outputs).getId();
    return new RevenueShareDecision(pricingModel, List.copyOf(shares), slaTerm, definition.getVersion(), recordId);
  }

  private DmnDecisionResultEntries evaluate(DecisionDefinition definition, PartnerRole role, PricingModel model) {
    DmnDecisionResultEntries entries = decisions.evaluate(definition,
        Map.of("partnerRole", role.name(), "pricingModel", model.name())).result().getSingleResult();
    if (entries == null) {
      throw new IllegalStateException(DECISION + " has no weight for " + role + " under " + model);
    }
    return entries;
  }

  private static int weight(DmnDecisionResultEntries entries) {
    return ((Number) entries.getEntry("weight")).intValue();
  }

  private static int slaBand(DmnDecisionResultEntries entries) {
    Number band = entries.getEntry("slaBandPercent");
    return band == null ? 0 : band.intValue();
  }

  private static void validate(PricingModel pricingModel, List<Participant> lineUp) {
    if (pricingModel == null) {
      throw new InvalidInputException("pricingModel is required");
    }
    if (lineUp == null || lineUp.isEmpty() || lineUp.size() > MAX_PARTNERS) {
      throw new InvalidInputException("a line-up has 1 to " + MAX_PARTNERS + " partners");
    }
    var keys = new HashSet<String>();
    for (Participant participant : lineUp) {
      if (participant == null || participant.partnerKey() == null || participant.partnerKey().isBlank()
          || participant.role() == null) {
        throw new InvalidInputException("every partner of the line-up needs a key and a role");
      }
      if (!keys.add(participant.partnerKey())) {
        throw new InvalidInputException("partner listed twice: " + participant.partnerKey());
      }
    }
  }
}
