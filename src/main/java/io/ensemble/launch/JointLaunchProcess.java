package io.ensemble.launch;

/**
 * The ids of {@code bpmn/joint-launch.bpmn} in one place: process key, activities, messages, errors, forms and
 * variables. {@code JointLaunchModelTest} checks that every one exists in the model.
 */
public final class JointLaunchProcess {

  private JointLaunchProcess() {}

  public static final String KEY = "joint-launch";

  /** Activity, event and gateway ids. */
  public static final class Activity {
    private Activity() {}
    public static final String LAUNCH_REQUESTED = "StartEvent_LaunchRequested";
    public static final String DECIDE_PRICING_MODEL = "Task_DecidePricingModel";
    public static final String DECIDE_REVENUE_SHARE = "Task_DecideRevenueShare";
    public static final String APPROVE_PRICING = "Task_ApprovePricing";
    public static final String ADJUST_OFFER = "Task_AdjustOffer";
    public static final String TELL_PARTNERS_OF_CLOSURE = "Task_TellPartnersOfClosure";
    public static final String OFFER_CLOSED = "EndEvent_OfferClosed";
    public static final String REGISTER_OPPORTUNITY = "Task_RegisterOpportunity";
    public static final String PROVIDE_COLLATERAL = "Task_ProvideCollateral";
    public static final String PLAN_CO_SELLING = "Task_PlanCoSelling";
    public static final String SPONSOR_OFFER = "Task_SponsorOffer";
    public static final String GO_TO_MARKET_READY = "Gateway_GoToMarketReady";
    public static final String PUBLISH_OFFER = "Task_PublishOffer";
    public static final String OFFER_REFUSED = "BoundaryEvent_OfferRefused";
    public static final String HANDLE_OFFER_REFUSAL = "Task_HandleOfferRefusal";
    public static final String LAUNCH_OFFER = "Task_LaunchOffer";
    public static final String OFFER_LAUNCHED = "EndEvent_OfferLaunched";
    public static final String PERIOD_OR_RETIREMENT = "Gateway_PeriodOrRetirement";
    public static final String SETTLEMENT_PERIOD_ENDED = "Event_SettlementPeriodEnded";
    public static final String OFFER_RETIRED_EVENT = "Event_OfferRetired";
    public static final String OFFER_RETIRED = "EndEvent_OfferRetired";
    public static final String FETCH_SETTLEMENT_FIGURES = "Task_FetchSettlementFigures";
    public static final String CONFIRM_REVENUE = "Task_ConfirmRevenue";
    public static final String COMPUTE_PAYOUTS = "Task_ComputePayouts";
    public static final String APPROVE_STATEMENT = "Task_ApproveStatement";
    public static final String SEND_STATEMENT = "Task_SendStatement";
  }

  /** Messages the process waits for, correlated by business key (the offer key). */
  public static final class Message {
    private Message() {}
    public static final String OFFER_RETIRED = "OfferRetired";
  }

  /** Camunda Forms (form id = file name in {@code forms/}). */
  public static final class Form {
    private Form() {}
    public static final String PRICING_APPROVAL = "joint-launch-pricing-approval";
    public static final String ADJUSTMENT = "joint-launch-adjustment";
    public static final String COLLATERAL = "joint-launch-collateral";
    public static final String CO_SELLING_PLAN = "joint-launch-co-selling-plan";
    public static final String SPONSORSHIP = "joint-launch-sponsorship";
    public static final String OFFER_REFUSAL = "joint-launch-offer-refusal";
    public static final String REVENUE = "joint-launch-revenue";
    public static final String STATEMENT = "joint-launch-statement";
  }

  /** Process variables: the start contract, decision inputs and form fields. Long data lives in the offer tables. */
  public static final class Var {
    private Var() {}
    // start contract
    public static final String OFFER_KEY = "offerKey";
    public static final String OFFER_NAME = "offerName";
    /** JSON list of {@code {"partnerKey", "role"}}; moved to the offer tables at start. */
    public static final String LINE_UP = "lineUp";
    /** JSON list of {@code {"sku", "description", "unit", "price", "currency"}}; moved to the offer tables. */
    public static final String PRICE_BOOK = "priceBook";
    /** JSON list of strings; moved to the offer tables. */
    public static final String SLA_TERMS = "slaTerms";
    public static final String TARGET_LAUNCH_DATE = "targetLaunchDate";
    public static final String OUTCOME_TARGET = "outcomeTarget";
    /** Optional ISO 8601 period (P1M, P14D); defaults to {@code ensemble.launch.settlement-period}. */
    public static final String SETTLEMENT_PERIOD = "settlementPeriod";
    // pricing-model inputs (partnerCount is derived from the line-up)
    public static final String GOAL_METRIC = "goalMetric";
    public static final String OUTCOME_MEASURABLE = "outcomeMeasurable";
    public static final String USAGE_PREDICTABILITY = "usagePredictability";
    public static final String CUSTOMER_SEGMENT = "customerSegment";
    public static final String DATA_PRODUCT = "dataProduct";
    public static final String PARTNER_COUNT = "partnerCount";
    /** The result of the business rule task, moved to the offer by its end listener. */
    public static final String PRICING_RESULT = "pricingResult";
    /** Element variable of the multi-instance partner steps. */
    public static final String PARTNER_KEY = "partnerKey";
    // finance approval
    public static final String PRICING_DECISION = "pricingDecision";
    public static final String FINANCE_COMMENT = "financeComment";
    // adjustment
    public static final String ADJUSTMENT_NOTE = "adjustmentNote";
    // go-to-market
    public static final String COLLATERAL_WHAT = "collateralWhat";
    public static final String COLLATERAL_WHERE = "collateralWhere";
    public static final String COLLATERAL_APPROVED_BY = "collateralApprovedBy";
    public static final String TARGET_ACCOUNTS = "targetAccounts";
    public static final String PIPELINE_GOAL = "pipelineGoal";
    public static final String OUR_SPONSOR = "ourSponsor";
    public static final String PARTNER_SPONSORS = "partnerSponsors";
    // refusal of the offer by a partner
    public static final String REFUSAL_DECISION = "refusalDecision";
    public static final String REFUSAL_NOTE = "refusalNote";
    // settlement
    public static final String STATEMENT_ID = "statementId";
    public static final String PERIOD_REVENUE = "periodRevenue";
    public static final String STATEMENT_DECISION = "statementDecision";
    public static final String STATEMENT_COMMENT = "statementComment";
    /** Task-local text the forms show (summaries read from the offer tables). */
    public static final String OFFER_SUMMARY = "offerSummary";
  }

  /** Notification types the partners receive ({@code POST /v1/notifications}). */
  public static final class Notification {
    private Notification() {}
    public static final String OFFER_CLOSED = "OFFER_CLOSED";
    public static final String LAUNCHED = "LAUNCHED";
    public static final String SETTLEMENT_STATEMENT = "SETTLEMENT_STATEMENT";
  }

  public enum PricingDecision { APPROVE, REQUEST_CHANGES, REJECT }

  public enum RefusalDecision { PUBLISH_AGAIN, CLOSE }

  public enum StatementDecision { APPROVE, CORRECT_REVENUE }
}
