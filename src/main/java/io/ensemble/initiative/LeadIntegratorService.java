package io.ensemble.initiative;

import io.ensemble.governance.Decisions;
import io.ensemble.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Picks the partner that leads delivery of an initiative. Decision {@code lead-integrator} scores each
 * candidate: every matching rule adds points and says why, the score is their sum. The highest score leads if
 * it reaches {@link #MINIMUM_LEAD_SCORE}; below that no partner is fit to lead (a line-up of product vendors,
 * say) and the company's own IT leads. Ties: larger delivery scale, then region coverage, then partner key in
 * alphabetical order.
 */
@Service
public class LeadIntegratorService {

  public static final String DECISION = "lead-integrator";
  public static final String OWN_IT = "OWN_IT";
  public static final int MINIMUM_LEAD_SCORE = 50;

  public enum PartnerType {
    CLOUD_PROVIDER, DATA_PLATFORM, SYSTEM_INTEGRATOR, MARKETING_AUTOMATION, RPA_VENDOR, DOCUMENT_AI,
    CONSULTANCY, GLOBAL_DELIVERY, ISV
  }

  public enum DeliveryScale { SMALL, MEDIUM, LARGE }

  /** A partner of the line-up as the decision sees it; domain expertise is relative to the initiative. */
  public record Candidate(String partnerKey, PartnerType partnerType, boolean domainExpertise,
      DeliveryScale deliveryScale, boolean regionCoverage) {}

  public record CandidateScore(String partnerKey, int score, List<String> reasons) {}

  /** {@code leadPartnerKey} is {@link #OWN_IT} when no partner is fit to lead. */
  public record LeadChoice(String leadPartnerKey, String reason, List<CandidateScore> scores,
      int decisionVersion, long recordId) {

    public boolean ownItLeads() {
      return OWN_IT.equals(leadPartnerKey);
    }
  }

  private final Decisions decisions;

  LeadIntegratorService(Decisions decisions) {
    this.decisions = decisions;
  }

  @Transactional
  public LeadChoice choose(String subjectKey, List<Candidate> lineUp, boolean scaleNeeded) {
    validate(lineUp);
    DecisionDefinition definition = decisions.latest(DECISION);
    Map<Candidate, CandidateScore> scores = new LinkedHashMap<>();
    for (Candidate candidate : lineUp) {
      scores.put(candidate, score(definition, candidate, scaleNeeded));
    }
    Comparator<Candidate> best = Comparator.<Candidate>comparingInt(c -> scores.get(c).score()).reversed()
        .thenComparing(Candidate::deliveryScale, Comparator.reverseOrder())
        .thenComparing(Candidate::regionCoverage, Comparator.reverseOrder())
        .thenComparing(Candidate::partnerKey);
    List<Candidate> ranked = lineUp.stream().sorted(best).toList();
    Candidate top = ranked.get(0);
    CandidateScore topScore = scores.get(top);

    String lead;
    String reason;
    if (topScore.score() < MINIMUM_LEAD_SCORE) {
      lead = OWN_IT;
      reason = "No partner reaches " + MINIMUM_LEAD_SCORE + " points (best: " + top.partnerKey() + " with "
          + topScore.score() + "), so the company's own IT leads delivery.";
    } else {
      lead = top.partnerKey();
      reason = top.partnerKey() + " leads with " + topScore.score() + " points: "
          + String.join("; ", topScore.reasons()) + tieBreak(ranked, scores) + ".";
    }
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("scaleNeeded", scaleNeeded);
    inputs.put("candidates", lineUp);
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put("leadPartnerKey", lead);
    outputs.put("reason", reason);
    outputs.put("scores", scores.values());
    long recordId = decisions.record(definition, subjectKey, inputs, outputs).getId();
    return new LeadChoice(lead, reason, List.copyOf(scores.values()), definition.getVersion(), recordId);
  }

  private static String tieBreak(List<Candidate> ranked, Map<Candidate, CandidateScore> scores) {
    if (ranked.size() < 2 || scores.get(ranked.get(1)).score() != scores.get(ranked.get(0)).score()) {
      return "";
    }
    Candidate first = ranked.get(0);
    Candidate second = ranked.get(1);
    String by = first.deliveryScale() != second.deliveryScale() ? "its larger delivery scale"
        : first.regionCoverage() != second.regionCoverage() ? "its region coverage"
        : "partner key order";
    return " (tied with " + second.partnerKey() + ", ahead by " + by + ")";
  }

  private CandidateScore score(DecisionDefinition definition, Candidate candidate, boolean scaleNeeded) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("partnerType", candidate.partnerType().name());
    variables.put("domainExpertise", candidate.domainExpertise());
    variables.put("deliveryScale", candidate.deliveryScale().name());
    variables.put("regionCoverage", candidate.regionCoverage());
    variables.put("scaleNeeded", scaleNeeded);
    DmnDecisionResult result = decisions.evaluate(definition, variables).result();
    int score = 0;
    List<String> reasons = new ArrayList<>();
    for (DmnDecisionResultEntries entries : result) {
      Number points = entries.getEntry("score");
      score += points == null ? 0 : points.intValue();
      String reason = entries.getEntry("reason");
      if (reason != null) {
        reasons.add(reason);
      }
    }
    return new CandidateScore(candidate.partnerKey(), score, List.copyOf(reasons));
  }

  private static void validate(List<Candidate> lineUp) {
    if (lineUp == null || lineUp.isEmpty()) {
      throw new InvalidInputException("a line-up needs at least one candidate");
    }
    var keys = new HashSet<String>();
    for (Candidate candidate : lineUp) {
      if (candidate == null || candidate.partnerKey() == null || candidate.partnerKey().isBlank()
          || candidate.partnerType() == null || candidate.deliveryScale() == null) {
        throw new InvalidInputException("every candidate needs a key, a partner type and a delivery scale");
      }
      if (!keys.add(candidate.partnerKey())) {
        throw new InvalidInputException("candidate listed twice: " + candidate.partnerKey());
      }
    }
  }
}
