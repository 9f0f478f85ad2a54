package io.ensemble.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.governance.DecisionRecord;
import io.ensemble.governance.DecisionRecordRepository;
import io.ensemble.launch.OfferRequest.PriceBookEntry;
import io.ensemble.launch.OfferStore.Line;
import io.ensemble.launch.OfferStore.Offer;
import io.ensemble.launch.OfferStore.OfferPartner;
import io.ensemble.launch.OfferStore.Statement;
import io.ensemble.platform.InvalidInputException;
import io.ensemble.security.CurrentUser;
import io.ensemble.security.EnsembleGroup;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/offers}: a joint offer as finance, sales, executives, alliance managers, the governance office and
 * the CIO read it (decisions with their records, go-to-market, launch against target, settlement statements), and
 * its retirement, which ends settlement (alliance managers and finance; acts as the application).
 */
@RestController
@RequestMapping("/api/offers")
@Tag(name = "Joint offers")
class OfferController {

  static final Set<String> READERS = Set.of(EnsembleGroup.FINANCE.id(), EnsembleGroup.SALES.id(),
      EnsembleGroup.EXECUTIVES.id(), EnsembleGroup.ALLIANCE_MANAGERS.id(), EnsembleGroup.GOVERNANCE_OFFICE.id(),
      EnsembleGroup.CIO.id(), EnsembleGroup.CAMUNDA_ADMIN);
  static final Set<String> RETIRERS = Set.of(EnsembleGroup.ALLIANCE_MANAGERS.id(), EnsembleGroup.FINANCE.id());

  record OfferView(String offerKey, String name, String status, String currency, Pricing pricing,
      List<PartnerView> partners, List<PriceBookEntry> priceBook, List<String> slaTerms,
      List<DecisionView> decisions, GoToMarket goToMarket, Launch launch, List<StatementView> statements,
      String requestedBy, Instant requestedAt, String closedReason) {}

  record Pricing(String goalMetric, boolean outcomeMeasurable, String usagePredictability, String customerSegment,
      boolean dataProduct, BigDecimal outcomeTarget, String pricingModel, String rationale, Long pricingRecordId,
      Long shareRecordId, int rounds, String financeDecision, String financeComment) {}

  /** Named apart from the partner registry's {@code PartnerView}, whose schema would otherwise stand for both. */
  @Schema(name = "JointOfferPartner")
  record PartnerView(String partnerKey, String role, BigDecimal sharePercent, Integer slaBandPercent,
      String opportunityId, String opportunityReference, String opportunityStage, String publication,
      String publicationProblem) {}

  record DecisionView(long id, String decisionKey, int decisionVersion, JsonNode inputs, JsonNode outputs,
      String evaluatedBy, Instant evaluatedAt, JsonNode overrideOutputs, String overrideReason, String overriddenBy) {}

  record GoToMarket(String collateral, String coSellingPlan, String sponsorship) {}

  record Launch(LocalDate targetLaunchDate, LocalDate launchedOn, Integer daysEarly, Integer daysLate) {}

  record StatementView(int periodNo, LocalDate periodStart, LocalDate periodEnd, BigDecimal revenue, String currency,
      String status, String revenueConfirmedBy, String approvedBy, Instant sentAt, List<Line> lines) {}

  private final OfferStore offers;
  private final DecisionRecordRepository records;
  private final CurrentUser currentUser;
  private final RuntimeService runtimeService;
  private final ObjectMapper json;

  OfferController(OfferStore offers, DecisionRecordRepository records, CurrentUser currentUser,
      RuntimeService runtimeService, ObjectMapper json) {
    this.offers = offers;
    this.records = records;
    this.currentUser = currentUser;
    this.runtimeService = runtimeService;
    this.json = json;
  }

  @GetMapping("/{offerKey}")
  @Operation(operationId = "getJointOffer", summary = "One joint offer: pricing, partners, decisions with their "
      + "records, go-to-market, launch against target and settlement statements")
  @ApiResponse(responseCode = "200", description = "The offer")
  @ApiResponse(responseCode = "403", description = "Not a group that reads joint offers")
  @ApiResponse(responseCode = "404", description = "No joint offer with that key")
  @Transactional(readOnly = true)
  OfferView offer(@PathVariable String offerKey) {
    currentUser.requireAnyGroup(READERS, "read joint offers");
    Offer offer = offers.find(offerKey).orElseThrow(() -> new InvalidInputException(404, "no joint offer " + offerKey));
    List<PartnerView> partners = offers.partners(offerKey).stream().map(OfferController::view).toList();
    List<DecisionView> decisions = records.findBySubjectKeyOrderByEvaluatedAtDescIdDesc(offerKey).stream()
        .filter(r -> r.getDecisionKey().equals(PricingService.DECISION)
            || r.getDecisionKey().equals(RevenueShareService.DECISION))
        .map(this::view).toList();
    List<StatementView> statements = offers.statements(offerKey).stream().map(this::view).toList();
    Integer early = offer.daysEarly();
    return new OfferView(offer.offerKey(), offer.name(), offer.status().name(), offer.currency(),
        new Pricing(offer.goalMetric(), offer.outcomeMeasurable(), offer.usagePredictability(),
            offer.customerSegment(), offer.dataProduct(), offer.outcomeTarget(), offer.pricingModel(),
            offer.pricingRationale(), offer.pricingRecordId(), offer.shareRecordId(), offer.pricingRounds(),
            offer.financeDecision(), offer.financeComment()),
        partners, offers.priceBook(offerKey), offers.slaTerms(offerKey), decisions,
        new GoToMarket(offer.collateral(), offer.coSellingPlan(), offer.sponsorship()),
        new Launch(offer.targetLaunchDate(), offer.launchedOn(), early == null ? null : Math.max(early, 0),
            early == null ? null : Math.max(-early, 0)),
        statements, offer.requestedBy(), offer.requestedAt(), offer.closedReason());
  }

  /** Ends the settlement of a launched offer between two periods; 409 while a period is being settled. */
  @PostMapping("/{offerKey}/retirement")
  @Operation(operationId = "retireJointOffer", summary = "Retire a launched joint offer settled by outcome, "
      + "between two settlement periods: its settlement ends")
  @ApiResponse(responseCode = "202", description = "Retirement accepted: the offer's settlement ends")
  @ApiResponse(responseCode = "403", description = "Neither an alliance manager nor finance")
  @ApiResponse(responseCode = "404", description = "No joint offer with that key")
  @ApiResponse(responseCode = "409", description = "The offer is not between two settlement periods")
  ResponseEntity<Void> retire(@PathVariable String offerKey) {
    currentUser.requireAnyGroup(RETIRERS, "retire a joint offer");
    if (offers.find(offerKey).isEmpty()) {
      throw new InvalidInputException(404, "no joint offer " + offerKey);
    }
    try {
      currentUser.asApplication(() -> runtimeService.createMessageCorrelation(JointLaunchProcess.Message.OFFER_RETIRED)
          .processInstanceBusinessKey(offerKey).correlateWithResult());
    } catch (MismatchingMessageCorrelationException e) {
      throw InvalidInputException.conflict("Offer " + offerKey + " is not between two settlement periods: only a "
          + "launched offer settled by outcome can be retired, after its current statement is sent");
    }
    return ResponseEntity.accepted().build();
  }

  private static PartnerView view(OfferPartner p) {
    return new PartnerView(p.partnerKey(), p.role().name(),
        p.basisPoints() == null ? null : BigDecimal.valueOf(p.basisPoints(), 2), p.slaBandPercent(),
        p.opportunityId(), p.opportunityReference(), p.opportunityStage(), p.publication(), p.publicationProblem());
  }

  private DecisionView view(DecisionRecord r) {
    return new DecisionView(r.getId(), r.getDecisionKey(), r.getDecisionVersion(), read(r.getInputsJson()),
        read(r.getOutputsJson()), r.getEvaluatedBy(), r.getEvaluatedAt(), read(r.getOverrideOutputsJson()),
        r.getOverrideReason(), r.getOverriddenBy());
  }

  private StatementView view(Statement s) {
    return new StatementView(s.periodNo(), s.periodStart(), s.periodEnd(), s.revenue(), s.currency(), s.status(),
        s.revenueConfirmedBy(), s.approvedBy(), s.sentAt(), offers.lines(s.id()));
  }

  private JsonNode read(String text) {
    try {
      return text == null ? null : json.readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException("decision record holds invalid JSON", e);
    }
  }
}
