package io.ensemble.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.governance.DecisionRecord;
import io.ensemble.governance.DecisionRecordRepository;
import io.ensemble.governance.Decisions;
import io.ensemble.launch.JointLaunchProcess.PricingDecision;
import io.ensemble.launch.OfferStore.Offer;
import io.ensemble.launch.OfferStore.OfferPartner;
import io.ensemble.launch.OfferStore.Status;
import io.ensemble.launch.PricingService.PricingInput;
import io.ensemble.launch.RevenueShareService.Participant;
import io.ensemble.launch.RevenueShareService.RevenueShareDecision;
import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partner.PartnerStatus;
import io.ensemble.platform.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A joint offer from request to approved pricing: opens the offer, records the pricing decision of the model's
 * business rule task, decides the revenue shares, and applies finance's answer (with finance's overrides of either
 * decision record) or the alliance managers' adjustments. Runs in the engine's transaction.
 */
@Service
@Transactional
public class LaunchService {

  private final OfferStore offers;
  private final PartnerRepository partners;
  private final RevenueShareService revenueShares;
  private final Decisions decisions;
  private final DecisionRecordRepository records;
  private final RepositoryService repositoryService;
  private final LaunchProperties properties;
  private final ObjectMapper json;
  private final org.camunda.bpm.engine.IdentityService identityService;

  LaunchService(OfferStore offers, PartnerRepository partners, RevenueShareService revenueShares, Decisions decisions,
      DecisionRecordRepository records, RepositoryService repositoryService, LaunchProperties properties,
      ObjectMapper json, org.camunda.bpm.engine.IdentityService identityService) {
    this.identityService = identityService;
    this.offers = offers;
    this.partners = partners;
    this.revenueShares = revenueShares;
    this.decisions = decisions;
    this.records = records;
    this.repositoryService = repositoryService;
    this.properties = properties;
    this.json = json;
  }

  private String currentUser() {
    var authentication = identityService.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  static LocalDate today() {
    return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC);
  }

  /** Checks the start contract (400 naming every problem, 409 for an offer key in use) and writes the offer. */
  OfferRequest open(Map<String, ?> variables, String processInstanceId) {
    OfferRequest request = OfferRequest.of(variables, today(), properties.settlementPeriod(), json);
    List<String> problems = new ArrayList<>();
    for (Participant participant : request.lineUp()) {
      Optional<Partner> partner = partners.findById(participant.partnerKey());
      if (partner.isEmpty()) {
        problems.add("partner '" + participant.partnerKey() + "' is not registered");
      } else if (partner.get().getStatus() != PartnerStatus.ACTIVE) {
        problems.add("partner '" + participant.partnerKey() + "' is " + partner.get().getStatus()
            + ", not ACTIVE: onboard it first");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Cannot start a joint launch: " + String.join("; ", problems));
    }
    if (offers.exists(request.offerKey())) {
      throw InvalidInputException.conflict("Offer key '" + request.offerKey() + "' is in use: choose another");
    }
    offers.create(request, currentUser(), processInstanceId, ClockUtil.getCurrentTime().toInstant());
    return request;
  }

  /** The variables the business rule task {@code pricing-model} reads. */
  Map<String, Object> pricingInputs(PricingInput input) {
    return input.variables();
  }

  /** Records the business rule task's result as a decision record linked to the offer, and keeps it on the offer. */
  void pricingDecided(String offerKey, Map<String, Object> result, String deploymentId) {
    if (result == null || result.get("pricingModel") == null) {
      throw new IllegalStateException(PricingService.DECISION + " decided nothing for offer " + offerKey);
    }
    DecisionDefinition definition = repositoryService.createDecisionDefinitionQuery()
        .decisionDefinitionKey(PricingService.DECISION).deploymentId(deploymentId).singleResult();
    Offer offer = offers.get(offerKey);
    Map<String, Object> inputs = input(offer).variables();
    PricingModel model = PricingModel.valueOf((String) result.get("pricingModel"));
    String rationale = (String) result.get("rationale");
    long recordId = decisions.record(definition, offerKey, inputs,
        Map.of("pricingModel", model.name(), "rationale", rationale)).getId();
    offers.pricingDecided(offerKey, model, rationale, recordId);
  }

  /** Decides the revenue shares under the offer's pricing model ({@link RevenueShareService}, recorded). */
  void decideShares(String offerKey) {
    Offer offer = offers.get(offerKey);
    List<Participant> lineUp = offers.partners(offerKey).stream()
        .map(p -> new Participant(p.partnerKey(), p.role())).toList();
    RevenueShareDecision decision = revenueShares.decide(offerKey, offer.model(), lineUp);
    offers.sharesDecided(offerKey, decision.recordId(), decision.shares());
  }

  /**
   * Finance's answer. Approving applies finance's overrides of the two decision records (made through
   * {@code POST /api/decision-records/{id}/override} with a reason): an overridden pricing model decides the
   * shares again under it, overridden shares replace the decided ones.
   */
  void financeDecided(String offerKey, PricingDecision decision, String comment) {
    offers.financeDecided(offerKey, decision.name(), comment);
    switch (decision) {
      case APPROVE -> {
        applyOverrides(offerKey);
        offers.status(offerKey, Status.APPROVED, null);
      }
      case REQUEST_CHANGES -> { }
      case REJECT -> offers.status(offerKey, Status.CLOSED, "Rejected by finance: " + comment);
    }
  }

  /** The alliance managers' adjusted pricing inputs, checked; returns them as the decision's variables. */
  Map<String, Object> adjust(String offerKey, Map<String, Object> values) {
    List<String> problems = new ArrayList<>();
    var goal = OfferRequest.choice(values, JointLaunchProcess.Var.GOAL_METRIC,
        io.ensemble.initiative.GoalMetric.class, problems);
    Boolean measurable = OfferRequest.flag(values, JointLaunchProcess.Var.OUTCOME_MEASURABLE, problems);
    var usage = OfferRequest.choice(values, JointLaunchProcess.Var.USAGE_PREDICTABILITY,
        PricingService.UsagePredictability.class, problems);
    var segment = OfferRequest.choice(values, JointLaunchProcess.Var.CUSTOMER_SEGMENT,
        PricingService.CustomerSegment.class, problems);
    Boolean dataProduct = OfferRequest.flag(values, JointLaunchProcess.Var.DATA_PRODUCT, problems);
    BigDecimal target = OfferRequest.outcomeTarget(values, Boolean.TRUE.equals(measurable), problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Cannot adjust the offer: " + String.join("; ", problems));
    }
    PricingInput input = new PricingInput(goal, measurable, usage, offers.partners(offerKey).size(), segment,
        dataProduct);
    offers.pricingInputs(offerKey, input, target);
    Map<String, Object> variables = new HashMap<>(input.variables());
    variables.put(JointLaunchProcess.Var.OUTCOME_TARGET, target == null ? null : target.toPlainString());
    return variables;
  }

  void closed(String offerKey, String reason) {
    offers.status(offerKey, Status.CLOSED, reason);
  }

  String closedReason(String offerKey) {
    Offer offer = offers.get(offerKey);
    return offer.name() + " is closed: " + (offer.closedReason() == null ? "no reason given" : offer.closedReason());
  }

  private PricingInput input(Offer offer) {
    return new PricingInput(io.ensemble.initiative.GoalMetric.valueOf(offer.goalMetric()), offer.outcomeMeasurable(),
        PricingService.UsagePredictability.valueOf(offer.usagePredictability()),
        offers.partners(offer.offerKey()).size(), PricingService.CustomerSegment.valueOf(offer.customerSegment()),
        offer.dataProduct());
  }

  private void applyOverrides(String offerKey) {
    Offer offer = offers.get(offerKey);
    DecisionRecord pricing = records.findById(offer.pricingRecordId()).orElseThrow();
    if (pricing.isOverridden()) {
      JsonNode outputs = read(pricing.getOverrideOutputsJson());
      String model = outputs.path("pricingModel").asText("");
      if (Set.of(PricingModel.values()).stream().noneMatch(m -> m.name().equals(model))) {
        throw new InvalidInputException("The override of decision record " + pricing.getId() + " must name a "
            + "pricingModel of " + List.of(PricingModel.values()) + ", got '" + model + "'");
      }
      if (!model.equals(offer.pricingModel())) {
        offers.pricingDecided(offerKey, PricingModel.valueOf(model), "Finance override: " + pricing.getOverrideReason(),
            pricing.getId());
        decideShares(offerKey);
        return;
      }
    }
    DecisionRecord shares = records.findById(offer.shareRecordId()).orElseThrow();
    if (shares.isOverridden()) {
      replaceShares(offerKey, shares);
    }
  }

  /** Overridden shares: {@code {"shares": [{"partnerKey": ..., "basisPoints": ...}]}}, the line-up, 10,000 in all. */
  private void replaceShares(String offerKey, DecisionRecord record) {
    JsonNode list = read(record.getOverrideOutputsJson()).path("shares");
    Map<String, OfferPartner> lineUp = offers.partners(offerKey).stream()
        .collect(Collectors.toMap(OfferPartner::partnerKey, p -> p, (a, b) -> a, LinkedHashMap::new));
    Map<String, Integer> points = new LinkedHashMap<>();
    for (JsonNode share : list) {
      points.put(share.path("partnerKey").asText(""), share.path("basisPoints").asInt(-1));
    }
    int total = points.values().stream().mapToInt(Integer::intValue).sum();
    if (!points.keySet().equals(lineUp.keySet()) || points.values().stream().anyMatch(p -> p < 0) || total != 10_000) {
      throw new InvalidInputException("The override of decision record " + record.getId() + " must give every "
          + "partner of the line-up " + lineUp.keySet() + " its basisPoints, 10000 in all; got " + points);
    }
    List<RevenueShareService.Share> shares = lineUp.values().stream().map(p -> new RevenueShareService.Share(
        p.partnerKey(), p.role(), p.weight() == null ? 0 : p.weight(), points.get(p.partnerKey()),
        BigDecimal.valueOf(points.get(p.partnerKey()), 2), p.slaBandPercent() == null ? 0 : p.slaBandPercent()))
        .toList();
    offers.sharesDecided(offerKey, record.getId(), shares);
  }

  private JsonNode read(String text) {
    try {
      return json.readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException("decision record holds invalid JSON", e);
    }
  }
}
