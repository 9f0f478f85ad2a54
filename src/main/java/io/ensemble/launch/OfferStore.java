package io.ensemble.launch;

import io.ensemble.launch.OfferRequest.PriceBookEntry;
import io.ensemble.launch.PricingService.PricingInput;
import io.ensemble.launch.RevenueShareService.Share;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The offer tables ({@code V16_1__joint_offer.sql}); joins the caller's transaction (the engine's, in a process). */
@Repository
class OfferStore {

  enum Status { PRICING, APPROVED, LAUNCHED, SETTLING, RETIRED, CLOSED }

  record Offer(String offerKey, String name, Status status, String goalMetric, boolean outcomeMeasurable,
      String usagePredictability, String customerSegment, boolean dataProduct, BigDecimal outcomeTarget,
      String currency, LocalDate targetLaunchDate, String settlementPeriod, String pricingModel,
      String pricingRationale, Long pricingRecordId, Long shareRecordId, int pricingRounds, String financeDecision,
      String financeComment, String collateral, String coSellingPlan, String sponsorship, LocalDate launchedOn,
      Integer daysEarly, String processInstanceId, String requestedBy, Instant requestedAt, String closedReason) {

    PricingModel model() {
      return pricingModel == null ? null : PricingModel.valueOf(pricingModel);
    }
  }

  record OfferPartner(String partnerKey, int position, PartnerRole role, Integer weight, Integer basisPoints,
      Integer slaBandPercent, String opportunityId, String opportunityReference, String opportunityStage,
      String publication, String publicationProblem) {}

  record Statement(long id, String offerKey, int periodNo, LocalDate periodStart, LocalDate periodEnd,
      BigDecimal revenue, String currency, String status, String revenueConfirmedBy, String approvedBy,
      Instant sentAt) {}

  record Line(long statementId, String partnerKey, int basisPoints, BigDecimal outcomeActual,
      BigDecimal attainmentPercent, int slaBreaches, BigDecimal adjustedWeight, BigDecimal payout) {}

  private final JdbcClient jdbc;

  OfferStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean exists(String offerKey) {
    return jdbc.sql("select count(*) from joint_offer where offer_key = ?").param(offerKey).query(Long.class)
        .single() > 0;
  }

  void create(OfferRequest request, String requestedBy, String processInstanceId, Instant now) {
    PricingInput pricing = request.pricing();
    jdbc.sql("""
        insert into joint_offer (offer_key, name, status, goal_metric, outcome_measurable, usage_predictability,
          customer_segment, data_product, outcome_target, currency, target_launch_date, settlement_period,
          process_instance_id, requested_by, requested_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(request.offerKey(), request.name(), Status.PRICING.name(), pricing.goalMetric().name(),
            pricing.outcomeMeasurable(), pricing.usagePredictability().name(), pricing.customerSegment().name(),
            pricing.dataProduct(), request.outcomeTarget(), request.currency(), request.targetLaunchDate(),
            request.settlementPeriod().toString(), processInstanceId, requestedBy, Timestamp.from(now))
        .update();
    for (int i = 0; i < request.lineUp().size(); i++) {
      var participant = request.lineUp().get(i);
      jdbc.sql("insert into joint_offer_partner (offer_key, partner_key, position, role, opportunity_id) "
              + "values (?, ?, ?, ?, ?)")
          .params(request.offerKey(), participant.partnerKey(), i, participant.role().name(),
              opportunityId(request.offerKey(), participant.partnerKey()))
          .update();
    }
    for (int i = 0; i < request.priceBook().size(); i++) {
      PriceBookEntry entry = request.priceBook().get(i);
      jdbc.sql("insert into joint_offer_price (offer_key, position, sku, description, unit, price, currency) "
              + "values (?, ?, ?, ?, ?, ?, ?)")
          .params(request.offerKey(), i, entry.sku(), entry.description(), entry.unit(), entry.price(),
              entry.currency())
          .update();
    }
    for (int i = 0; i < request.slaTerms().size(); i++) {
      jdbc.sql("insert into joint_offer_sla_term (offer_key, position, term) values (?, ?, ?)")
          .params(request.offerKey(), i, request.slaTerms().get(i)).update();
    }
  }

  /** The co-sell opportunity of one partner for one offer: the same on every retry, so registration is idempotent. */
  static String opportunityId(String offerKey, String partnerKey) {
    return offerKey + ":" + partnerKey;
  }

  Optional<Offer> find(String offerKey) {
    return jdbc.sql("select * from joint_offer where offer_key = ?").param(offerKey)
        .query((rs, n) -> new Offer(rs.getString("offer_key"), rs.getString("name"),
            Status.valueOf(rs.getString("status")), rs.getString("goal_metric"), rs.getBoolean("outcome_measurable"),
            rs.getString("usage_predictability"), rs.getString("customer_segment"), rs.getBoolean("data_product"),
            rs.getBigDecimal("outcome_target"), rs.getString("currency"),
            rs.getObject("target_launch_date", LocalDate.class), rs.getString("settlement_period"),
            rs.getString("pricing_model"), rs.getString("pricing_rationale"),
            (Long) rs.getObject("pricing_record_id", Long.class), (Long) rs.getObject("share_record_id", Long.class),
            rs.getInt("pricing_rounds"), rs.getString("finance_decision"), rs.getString("finance_comment"),
            rs.getString("collateral"), rs.getString("co_selling_plan"), rs.getString("sponsorship"),
            rs.getObject("launched_on", LocalDate.class), (Integer) rs.getObject("days_early", Integer.class),
            rs.getString("process_instance_id"), rs.getString("requested_by"),
            rs.getTimestamp("requested_at").toInstant(), rs.getString("closed_reason")))
        .optional();
  }

  Offer get(String offerKey) {
    return find(offerKey).orElseThrow(() -> new IllegalStateException("No joint offer " + offerKey));
  }

  List<OfferPartner> partners(String offerKey) {
    return jdbc.sql("select * from joint_offer_partner where offer_key = ? order by position").param(offerKey)
        .query((rs, n) -> new OfferPartner(rs.getString("partner_key"), rs.getInt("position"),
            PartnerRole.valueOf(rs.getString("role")), (Integer) rs.getObject("weight", Integer.class),
            (Integer) rs.getObject("basis_points", Integer.class),
            (Integer) rs.getObject("sla_band_percent", Integer.class), rs.getString("opportunity_id"),
            rs.getString("opportunity_reference"), rs.getString("opportunity_stage"), rs.getString("publication"),
            rs.getString("publication_problem")))
        .list();
  }

  List<PriceBookEntry> priceBook(String offerKey) {
    return jdbc.sql("select * from joint_offer_price where offer_key = ? order by position").param(offerKey)
        .query((rs, n) -> new PriceBookEntry(rs.getString("sku"), rs.getString("description"), rs.getString("unit"),
            rs.getBigDecimal("price"), rs.getString("currency")))
        .list();
  }

  List<String> slaTerms(String offerKey) {
    return jdbc.sql("select term from joint_offer_sla_term where offer_key = ? order by position").param(offerKey)
        .query(String.class).list();
  }

  void pricingDecided(String offerKey, PricingModel model, String rationale, long recordId) {
    jdbc.sql("update joint_offer set pricing_model = ?, pricing_rationale = ?, pricing_record_id = ?, "
            + "pricing_rounds = pricing_rounds + 1, finance_decision = null where offer_key = ?")
        .params(model.name(), rationale, recordId, offerKey).update();
  }

  void sharesDecided(String offerKey, long recordId, List<Share> shares) {
    jdbc.sql("update joint_offer set share_record_id = ? where offer_key = ?").params(recordId, offerKey).update();
    for (Share share : shares) {
      jdbc.sql("update joint_offer_partner set weight = ?, basis_points = ?, sla_band_percent = ? "
              + "where offer_key = ? and partner_key = ?")
          .params(share.weight(), share.basisPoints(), share.slaBandPercent(), offerKey, share.partnerKey()).update();
    }
  }

  void pricingInputs(String offerKey, PricingInput input, BigDecimal outcomeTarget) {
    jdbc.sql("update joint_offer set goal_metric = ?, outcome_measurable = ?, usage_predictability = ?, "
            + "customer_segment = ?, data_product = ?, outcome_target = ? where offer_key = ?")
        .params(input.goalMetric().name(), input.outcomeMeasurable(), input.usagePredictability().name(),
            input.customerSegment().name(), input.dataProduct(), outcomeTarget, offerKey).update();
  }

  void financeDecided(String offerKey, String decision, String comment) {
    jdbc.sql("update joint_offer set finance_decision = ?, finance_comment = ? where offer_key = ?")
        .params(decision, comment, offerKey).update();
  }

  void status(String offerKey, Status status, String closedReason) {
    jdbc.sql("update joint_offer set status = ?, closed_reason = coalesce(?, closed_reason) where offer_key = ?")
        .params(status.name(), closedReason, offerKey).update();
  }

  /** Writes one go-to-market answer: {@code column} is one of collateral, co_selling_plan, sponsorship. */
  void goToMarket(String offerKey, String column, String text) {
    if (!List.of("collateral", "co_selling_plan", "sponsorship").contains(column)) {
      throw new IllegalArgumentException("not a go-to-market column: " + column);
    }
    jdbc.sql("update joint_offer set " + column + " = ? where offer_key = ?").params(text, offerKey).update();
  }

  /** A stage the partner already reported ({@code opportunity.updated} can beat the registration's commit) stays. */
  void opportunityRegistered(String offerKey, String partnerKey, String reference, String stage) {
    jdbc.sql("update joint_offer_partner set opportunity_reference = ?, opportunity_stage = coalesce(opportunity_stage, ?) "
            + "where offer_key = ? and partner_key = ?").params(reference, stage, offerKey, partnerKey).update();
  }

  /** The partner whose opportunity this is, if any. */
  Optional<OfferPartner> opportunity(String opportunityId) {
    return jdbc.sql("select offer_key from joint_offer_partner where opportunity_id = ?").param(opportunityId)
        .query(String.class).optional()
        .flatMap(offerKey -> partners(offerKey).stream().filter(p -> p.opportunityId().equals(opportunityId))
            .findFirst());
  }

  int opportunityStage(String opportunityId, String partnerKey, String stage) {
    return jdbc.sql("update joint_offer_partner set opportunity_stage = ? where opportunity_id = ? and partner_key = ?")
        .params(stage, opportunityId, partnerKey).update();
  }

  void publication(String offerKey, String partnerKey, String publication, String problem) {
    jdbc.sql("update joint_offer_partner set publication = ?, publication_problem = ? "
            + "where offer_key = ? and partner_key = ?").params(publication, problem, offerKey, partnerKey).update();
  }

  void launched(String offerKey, LocalDate launchedOn, int daysEarly, Status status) {
    jdbc.sql("update joint_offer set launched_on = ?, days_early = ?, status = ? where offer_key = ?")
        .params(launchedOn, daysEarly, status.name(), offerKey).update();
  }

  // ---- settlement ----

  long openStatement(String offerKey, int periodNo, LocalDate start, LocalDate end, String currency) {
    jdbc.sql("insert into settlement_statement (offer_key, period_no, period_start, period_end, currency, status) "
            + "values (?, ?, ?, ?, ?, 'FIGURES_PENDING')")
        .params(offerKey, periodNo, start, end, currency).update();
    return jdbc.sql("select id from settlement_statement where offer_key = ? and period_no = ?")
        .params(offerKey, periodNo).query(Long.class).single();
  }

  int statementCount(String offerKey) {
    return jdbc.sql("select count(*) from settlement_statement where offer_key = ?").param(offerKey)
        .query(Integer.class).single();
  }

  List<Statement> statements(String offerKey) {
    return jdbc.sql("select * from settlement_statement where offer_key = ? order by period_no").param(offerKey)
        .query((rs, n) -> statement(rs)).list();
  }

  Statement statement(long id) {
    return jdbc.sql("select * from settlement_statement where id = ?").param(id).query((rs, n) -> statement(rs))
        .single();
  }

  private static Statement statement(java.sql.ResultSet rs) throws java.sql.SQLException {
    Timestamp sent = rs.getTimestamp("sent_at");
    return new Statement(rs.getLong("id"), rs.getString("offer_key"), rs.getInt("period_no"),
        rs.getObject("period_start", LocalDate.class), rs.getObject("period_end", LocalDate.class),
        rs.getBigDecimal("revenue"), rs.getString("currency"), rs.getString("status"),
        rs.getString("revenue_confirmed_by"), rs.getString("approved_by"), sent == null ? null : sent.toInstant());
  }

  /** One partner's figures for the period; a retried fetch replaces what an earlier attempt wrote. */
  void figures(long statementId, String partnerKey, int basisPoints, BigDecimal outcomeActual,
      BigDecimal attainmentPercent, int slaBreaches) {
    jdbc.sql("delete from settlement_line where statement_id = ? and partner_key = ?")
        .params(statementId, partnerKey).update();
    jdbc.sql("insert into settlement_line (statement_id, partner_key, basis_points, outcome_actual, "
            + "attainment_percent, sla_breaches) values (?, ?, ?, ?, ?, ?)")
        .params(statementId, partnerKey, basisPoints, outcomeActual, attainmentPercent, slaBreaches).update();
  }

  List<Line> lines(long statementId) {
    return jdbc.sql("select * from settlement_line where statement_id = ? order by partner_key").param(statementId)
        .query((rs, n) -> new Line(rs.getLong("statement_id"), rs.getString("partner_key"), rs.getInt("basis_points"),
            rs.getBigDecimal("outcome_actual"), rs.getBigDecimal("attainment_percent"), rs.getInt("sla_breaches"),
            rs.getBigDecimal("adjusted_weight"), rs.getBigDecimal("payout")))
        .list();
  }

  void revenueConfirmed(long statementId, BigDecimal revenue, String by) {
    jdbc.sql("update settlement_statement set revenue = ?, revenue_confirmed_by = ?, status = 'REVENUE_CONFIRMED' "
        + "where id = ?").params(revenue, by, statementId).update();
  }

  void payout(long statementId, String partnerKey, BigDecimal adjustedWeight, BigDecimal payout) {
    jdbc.sql("update settlement_line set adjusted_weight = ?, payout = ? where statement_id = ? and partner_key = ?")
        .params(adjustedWeight, payout, statementId, partnerKey).update();
  }

  void statementStatus(long statementId, String status, String approvedBy) {
    jdbc.sql("update settlement_statement set status = ?, approved_by = coalesce(?, approved_by) where id = ?")
        .params(status, approvedBy, statementId).update();
  }

  void statementSent(long statementId, Instant at) {
    jdbc.sql("update settlement_statement set status = 'SENT', sent_at = ? where id = ?")
        .params(Timestamp.from(at), statementId).update();
  }
}
