package io.ensemble.launch;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.ensemble.launch.JointLaunchProcess.Activity.*;
import static io.ensemble.support.Rest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ensemble.governance.item.GovernanceItem;
import io.ensemble.governance.item.GovernanceItemRepository;
import io.ensemble.launch.JointLaunchProcess.Var;
import io.ensemble.launch.OfferStore.Line;
import io.ensemble.launch.OfferStore.Offer;
import io.ensemble.launch.OfferStore.OfferPartner;
import io.ensemble.launch.OfferStore.Statement;
import io.ensemble.partner.PartnerStatus;
import io.ensemble.partnerapi.events.WebhookSecrets;
import io.ensemble.platform.InvalidInputException;
import io.ensemble.support.PartnerEvents;
import io.ensemble.support.Rest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Every path of {@code joint-launch}, against a real HTTP partner (WireMock), with 100 % coverage asserted. */
class JointLaunchProcessTest extends LaunchTestSupport {

  @Autowired WebhookSecrets secrets;
  @Autowired GovernanceItemRepository governanceItems;

  // ---- price, approve, go to market, publish, launch ----

  @Test
  void usageBasedOfferIsApprovedCoSoldPublishedAndLaunchedEarlyWithoutSettlement() {
    List<String> lineUp = activePartners("close", 3);
    String key = newOfferKey("month-end-close");
    ProcessInstance instance = start(offer(key, lineUp, "COST_EFFICIENCY", false, "MEDIUM", "MIDMARKET", false));

    assertThat(instance).isWaitingAt(DECIDE_PRICING_MODEL);
    assertThat(runtimeService.getVariables(instance.getId())).doesNotContainKeys(Var.LINE_UP, Var.PRICE_BOOK,
        Var.SLA_TERMS);
    assertThat(instance.getBusinessKey()).isEqualTo(key);
    executeJobs(instance);

    Offer offer = offers.get(key);
    assertThat(offer.model()).isEqualTo(PricingModel.USAGE_BASED);
    assertThat(offer.pricingRecordId()).isNotNull();
    assertThat(offer.shareRecordId()).isNotNull();
    assertThat(offers.partners(key)).extracting(OfferPartner::basisPoints)
        .satisfies(points -> assertThat(points.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000));
    Task approval = task(instance, APPROVE_PRICING);
    assertThat(approval).hasCandidateGroup("finance");
    assertThat((String) taskService.getVariableLocal(approval.getId(), Var.OFFER_SUMMARY))
        .contains("USAGE_BASED", "BASE", "99.9 % monthly availability", lineUp.get(0));
    complete(approval, "fiona", "finance", Var.PRICING_DECISION, "APPROVE");

    assertThat(offers.get(key).status()).isEqualTo(OfferStore.Status.APPROVED);
    java.util.Date launchTarget = date(offers.get(key).targetLaunchDate());
    for (String[] expected : new String[][] {{PROVIDE_COLLATERAL, "alliance-managers"}, {PLAN_CO_SELLING, "sales"},
        {SPONSOR_OFFER, "executives"}}) {
      Task gtm = task(instance, expected[0]);
      assertThat(gtm).hasCandidateGroup(expected[1]);
      assertThat(gtm.getDueDate()).isBefore(launchTarget);
    }
    executeJobs(instance);
    for (String partner : lineUp) {
      PARTNER.verify(1, postRequestedFor(urlEqualTo("/partners/" + partner + "/v1/opportunities"))
          .withRequestBody(matchingJsonPath("$.opportunityId", equalTo(key + ":" + partner)))
          .withHeader("Idempotency-Key", matching(".+")));
    }
    assertThat(offers.partners(key)).extracting(OfferPartner::opportunityStage).containsOnly("PROSPECT");
    goToMarket(instance);
    executeJobs(instance);

    assertThat(instance).isEnded().hasPassedInOrder(LAUNCH_REQUESTED, DECIDE_PRICING_MODEL, DECIDE_REVENUE_SHARE,
        APPROVE_PRICING, PUBLISH_OFFER, LAUNCH_OFFER, OFFER_LAUNCHED).hasNotPassed(ADJUST_OFFER,
        SETTLEMENT_PERIOD_ENDED);
    for (String partner : lineUp) {
      PARTNER.verify(1, putRequestedFor(urlEqualTo("/partners/" + partner + "/v1/offers/" + key))
          .withRequestBody(matchingJsonPath("$.pricingModel", equalTo("USAGE_BASED")))
          .withRequestBody(matchingJsonPath("$.priceBook[1].sku", equalTo("SEAT")))
          .withRequestBody(matchingJsonPath("$.slaTerms[0]", equalTo("99.9 % monthly availability"))));
      PARTNER.verify(1, postRequestedFor(urlEqualTo("/partners/" + partner + "/v1/notifications"))
          .withRequestBody(matchingJsonPath("$.type", equalTo("LAUNCHED")))
          .withRequestBody(matchingJsonPath("$.summary", containing("60 days early"))));
    }
    Offer launched = offers.get(key);
    assertThat(launched.status()).isEqualTo(OfferStore.Status.LAUNCHED);
    assertThat(launched.launchedOn()).isEqualTo(LaunchService.today());
    assertThat(launched.daysEarly()).isEqualTo(60);
    assertThat(launched.collateral()).contains("Joint deck", "amira");
    assertThat(launched.coSellingPlan()).contains("Acme", "250000");
    assertThat(launched.sponsorship()).contains("Ethan Cole");
    assertThat(offers.partners(key)).extracting(OfferPartner::publication).containsOnly("PUBLISHED");
  }

  @Test
  void financeRequestsChangesTheAllianceManagersAdjustAndBothDecisionsRunAgain() {
    List<String> lineUp = activePartners("churn", 3);
    String key = newOfferKey("churn-down");
    ProcessInstance instance = start(offer(key, lineUp, "CHURN_REDUCTION", false, "HIGH", "ENTERPRISE", false));
    executeJobs(instance);
    assertThat(offers.get(key).model()).isEqualTo(PricingModel.TIERED_SUBSCRIPTION);
    long firstPricing = offers.get(key).pricingRecordId();

    complete(task(instance, APPROVE_PRICING), "fiona", "finance", Var.PRICING_DECISION, "REQUEST_CHANGES",
        Var.FINANCE_COMMENT, "Churn is measured by the customer graph: price the outcome");
    Task adjust = task(instance, ADJUST_OFFER);
    assertThat(adjust).hasCandidateGroup("alliance-managers");
    assertThat((String) taskService.getVariableLocal(adjust.getId(), Var.OFFER_SUMMARY))
        .contains("Churn is measured by the customer graph");
    assertThatThrownBy(() -> complete(adjust, "amira", "alliance-managers", Var.GOAL_METRIC, "CHURN_REDUCTION",
        Var.OUTCOME_MEASURABLE, true, Var.USAGE_PREDICTABILITY, "MEDIUM", Var.CUSTOMER_SEGMENT, "ENTERPRISE",
        Var.DATA_PRODUCT, false, Var.ADJUSTMENT_NOTE, "Outcome is measurable"))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("outcomeTarget is required");
    complete(adjust, "amira", "alliance-managers", Var.GOAL_METRIC, "CHURN_REDUCTION", Var.OUTCOME_MEASURABLE, true,
        Var.USAGE_PREDICTABILITY, "MEDIUM", Var.CUSTOMER_SEGMENT, "ENTERPRISE", Var.DATA_PRODUCT, false,
        Var.OUTCOME_TARGET, 5, Var.ADJUSTMENT_NOTE, "Outcome is measurable: 5 points of churn");
    executeJobs(instance);

    Offer repriced = offers.get(key);
    assertThat(repriced.model()).isEqualTo(PricingModel.OUTCOME_BASED);
    assertThat(repriced.pricingRecordId()).isNotEqualTo(firstPricing);
    assertThat(repriced.pricingRounds()).isEqualTo(2);
    assertThat(repriced.outcomeTarget()).isEqualByComparingTo("5");
    assertThat(offers.partners(key)).extracting(OfferPartner::slaBandPercent).allMatch(band -> band > 0);
    complete(task(instance, APPROVE_PRICING), "fiona", "finance", Var.PRICING_DECISION, "APPROVE");
    assertThat(instance).hasPassedInOrder(APPROVE_PRICING, ADJUST_OFFER, DECIDE_PRICING_MODEL, DECIDE_REVENUE_SHARE,
        APPROVE_PRICING).isWaitingAt(PROVIDE_COLLATERAL, PLAN_CO_SELLING, SPONSOR_OFFER);
  }

  @Test
  void financeRejectsThePricingAndEveryPartnerIsToldTheOfferIsClosed() {
    List<String> lineUp = activePartners("reject", 2);
    String key = newOfferKey("rejected");
    ProcessInstance instance = start(offer(key, lineUp, "NEW_REVENUE", false, "HIGH", "ENTERPRISE", true));
    executeJobs(instance);
    assertThatThrownBy(() -> complete(task(instance, APPROVE_PRICING), "fiona", "finance",
        Var.PRICING_DECISION, "REJECT")).hasRootCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("financeComment is required");

    complete(task(instance, APPROVE_PRICING), "fiona", "finance", Var.PRICING_DECISION, "REJECT",
        Var.FINANCE_COMMENT, "Margins do not cover the platform credits");
    assertThat(instance).isWaitingAt(TELL_PARTNERS_OF_CLOSURE);
    executeJobs(instance);

    assertThat(instance).isEnded().hasPassed(OFFER_CLOSED).hasNotPassed(REGISTER_OPPORTUNITY, PUBLISH_OFFER);
    assertThat(offers.get(key).status()).isEqualTo(OfferStore.Status.CLOSED);
    for (String partner : lineUp) {
      PARTNER.verify(1, postRequestedFor(urlEqualTo("/partners/" + partner + "/v1/notifications"))
          .withRequestBody(matchingJsonPath("$.type", equalTo("OFFER_CLOSED")))
          .withRequestBody(matchingJsonPath("$.summary", containing("Margins do not cover"))));
    }
    PARTNER.verify(0, postRequestedFor(urlPathMatching(".*/v1/opportunities")));
  }

  @Test
  void aPartnerRefusingTheOfferIsHandledAndTheOfferPublishedAgain() {
    List<String> lineUp = activePartners("refuse", 3);
    String key = newOfferKey("refused-once");
    ProcessInstance instance = approvedAndReady(key, lineUp, "TIME_TO_MARKET", false);
    PARTNER.stubFor(put(urlEqualTo("/partners/" + lineUp.get(1) + "/v1/offers/" + key)).atPriority(1)
        .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/problem+json")
            .withBody("{\"title\":\"Unprocessable\",\"detail\":\"Platform credits missing from the price book\"}")));
    executeJobs(instance);

    assertThat(instance).isWaitingAt(HANDLE_OFFER_REFUSAL).hasPassed(OFFER_REFUSED);
    assertThat(offers.partners(key).get(1).publication()).isEqualTo("REFUSED");
    assertThat(offers.partners(key).get(1).publicationProblem()).contains("Platform credits missing");
    Task refusal = task(instance, HANDLE_OFFER_REFUSAL);
    assertThat(refusal).hasCandidateGroup("alliance-managers");
    assertThat((String) taskService.getVariableLocal(refusal.getId(), Var.OFFER_SUMMARY))
        .contains("Platform credits missing");

    PARTNER.resetMappings();
    partnerImplementsTheContract();
    complete(refusal, "amira", "alliance-managers", Var.REFUSAL_DECISION, "PUBLISH_AGAIN");
    executeJobs(instance);

    assertThat(instance).hasPassed(LAUNCH_OFFER).isWaitingAt(PERIOD_OR_RETIREMENT);
    assertThat(offers.partners(key)).extracting(OfferPartner::publication).containsOnly("PUBLISHED");
  }

  @Test
  void aPartnerRefusingTheOfferCanCloseItAndThePartnersAreTold() {
    List<String> lineUp = activePartners("refuse-close", 2);
    String key = newOfferKey("refused-closed");
    ProcessInstance instance = approvedAndReady(key, lineUp, "TIME_TO_MARKET", false);
    PARTNER.stubFor(put(urlPathMatching("/partners/" + lineUp.get(0) + "/v1/offers/.*")).atPriority(1)
        .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
            .withBody("{\"title\":\"Conflict\",\"detail\":\"Competing offer already listed\"}")));
    executeJobs(instance);

    complete(task(instance, HANDLE_OFFER_REFUSAL), "amira", "alliance-managers", Var.REFUSAL_DECISION, "CLOSE",
        Var.REFUSAL_NOTE, "The lead integrator will not list it");
    executeJobs(instance);

    assertThat(instance).isEnded().hasPassedInOrder(HANDLE_OFFER_REFUSAL, TELL_PARTNERS_OF_CLOSURE, OFFER_CLOSED)
        .hasNotPassed(LAUNCH_OFFER);
    assertThat(offers.get(key).status()).isEqualTo(OfferStore.Status.CLOSED);
    assertThat(offers.get(key).closedReason()).contains("The lead integrator will not list it");
    PARTNER.verify(2, postRequestedFor(urlPathMatching("/partners/.*/v1/notifications"))
        .withRequestBody(matchingJsonPath("$.type", equalTo("OFFER_CLOSED"))));
  }

  @Test
  void aPartnerFailingToPublishBecomesAnIncidentNamingPartnerOperationAndStatus() {
    List<String> lineUp = activePartners("failing", 2);
    String key = newOfferKey("failing-partner");
    ProcessInstance instance = approvedAndReady(key, lineUp, "TIME_TO_MARKET", false);
    PARTNER.stubFor(put(urlPathMatching("/partners/" + lineUp.get(1) + "/v1/offers/.*")).atPriority(1)
        .willReturn(aResponse().withStatus(503).withBody("maintenance")));
    for (int round = 0; round < 10; round++) {
      for (Job job : managementService.createJobQuery().processInstanceId(instance.getId()).executable().list()) {
        try {
          managementService.executeJob(job.getId());
        } catch (RuntimeException expected) {
          // the failing partner's job waits for its retry
        }
      }
    }

    for (int attempt = 0; attempt < 10 && incidents(instance).isEmpty(); attempt++) {
      Job failing = managementService.createJobQuery().processInstanceId(instance.getId()).withRetriesLeft()
          .activityId(PUBLISH_OFFER).list().stream().findFirst().orElseThrow();
      assertThat(managementService.createJobQuery().jobId(failing.getId()).singleResult().getRetries()).isPositive();
      try {
        managementService.executeJob(failing.getId());
      } catch (RuntimeException expected) {
        // the partner answered 503: the engine keeps the job for its next retry
      }
    }

    List<Incident> incidents = incidents(instance);
    assertThat(incidents).hasSize(1);
    // the last attempt may find the partner's circuit open: the message names partner, operation and key
    assertThat(incidents.get(0).getIncidentMessage()).contains(lineUp.get(1), "publishOffer",
        "Idempotency-Key");
    assertThat(instance).isWaitingAt(PUBLISH_OFFER).hasNotPassed(OFFER_REFUSED, LAUNCH_OFFER);
    List<LoggedRequest> attempts = PARTNER.findAll(putRequestedFor(urlPathMatching("/partners/" + lineUp.get(1)
        + "/v1/offers/.*")));
    assertThat(attempts).hasSizeGreaterThan(1);
    assertThat(attempts).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(
        attempts.get(0).getHeader("Idempotency-Key"));
  }

  // ---- settlement by outcome ----

  @Test
  void outcomeBasedOfferIsSettledTwiceWithBandBonusPenaltyAndSlaBreachThenRetiredByMessage() {
    List<String> lineUp = activePartners("settle", 3);
    String key = newOfferKey("churn-outcome");
    ProcessInstance instance = approvedAndReady(key, lineUp, "CHURN_REDUCTION", true);
    executeJobs(instance);
    assertThat(instance).isWaitingAt(PERIOD_OR_RETIREMENT);
    Offer launched = offers.get(key);
    assertThat(launched.status()).isEqualTo(OfferStore.Status.SETTLING);

    // period 1: the lead integrator beats the target, the platform misses it, the vendor breaches the SLA once
    figures(lineUp.get(0), "120", 0);
    figures(lineUp.get(1), "80", 0);
    figures(lineUp.get(2), "100", 1);
    long itemsBefore = governanceItems.count();
    moveClockTo(launched.launchedOn().plusMonths(1));
    executeJobs(instance);
    Task revenue = task(instance, CONFIRM_REVENUE);
    assertThat(revenue).hasCandidateGroup("finance");
    complete(revenue, "fiona", "finance", Var.PERIOD_REVENUE, 100000.00);
    Task approval = task(instance, APPROVE_STATEMENT);
    complete(approval, "fiona", "finance", Var.STATEMENT_DECISION, "CORRECT_REVENUE",
        Var.STATEMENT_COMMENT, "Late invoices belong to this period");
    complete(task(instance, CONFIRM_REVENUE), "fiona", "finance", Var.PERIOD_REVENUE, 120000.00);
    assertThat((String) taskService.getVariableLocal(task(instance, APPROVE_STATEMENT).getId(), Var.OFFER_SUMMARY))
        .contains("120000.00 EUR");
    complete(task(instance, APPROVE_STATEMENT), "fiona", "finance", Var.STATEMENT_DECISION, "APPROVE");
    executeJobs(instance);

    Statement first = offers.statements(key).get(0);
    assertThat(first.status()).isEqualTo("SENT");
    assertThat(first.periodStart()).isEqualTo(launched.launchedOn());
    assertThat(first.periodEnd()).isEqualTo(launched.launchedOn().plusMonths(1));
    List<Line> lines = offers.lines(first.id());
    assertThat(lines.stream().map(Line::payout).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo("120000.00");
    Map<String, Line> byPartner = lines.stream().collect(java.util.stream.Collectors.toMap(Line::partnerKey, l -> l));
    BigDecimal base0 = share(byPartner.get(lineUp.get(0)), "120000.00");
    BigDecimal base1 = share(byPartner.get(lineUp.get(1)), "120000.00");
    BigDecimal base2 = share(byPartner.get(lineUp.get(2)), "120000.00");
    // bonus above target, penalty below it, and the breach costs the vendor its 5 %
    assertThat(byPartner.get(lineUp.get(0)).payout()).isGreaterThan(base0);
    assertThat(byPartner.get(lineUp.get(1)).payout()).isLessThan(base1);
    assertThat(byPartner.get(lineUp.get(2)).payout()).isLessThan(base2);
    assertThat(byPartner.get(lineUp.get(0)).attainmentPercent()).isEqualByComparingTo("120");
    for (String partner : lineUp) {
      PARTNER.verify(1, postRequestedFor(urlEqualTo("/partners/" + partner + "/v1/notifications"))
          .withRequestBody(matchingJsonPath("$.type", equalTo("SETTLEMENT_STATEMENT")))
          .withRequestBody(matchingJsonPath("$.summary", containing(byPartner.get(partner).payout().toPlainString()))));
    }
    assertThat(governanceItems.count()).isEqualTo(itemsBefore + 1);
    GovernanceItem breach = governanceItems.findAll().stream().filter(i -> key.equals(i.getOfferKey())).findFirst()
        .orElseThrow();
    assertThat(breach.getPartnerKey()).isEqualTo(lineUp.get(2));
    assertThat(breach.getTitle()).startsWith("SLA breached: " + lineUp.get(2));

    // period 2: everyone on target; an odd revenue is still paid out to the cent
    PARTNER.resetMappings();
    partnerImplementsTheContract();
    moveClockTo(launched.launchedOn().plusMonths(2));
    executeJobs(instance);
    complete(task(instance, CONFIRM_REVENUE), "fiona", "finance", Var.PERIOD_REVENUE, 33333.33);
    complete(task(instance, APPROVE_STATEMENT), "fiona", "finance", Var.STATEMENT_DECISION, "APPROVE");
    executeJobs(instance);
    Statement second = offers.statements(key).get(1);
    assertThat(second.periodNo()).isEqualTo(2);
    assertThat(offers.lines(second.id()).stream().map(Line::payout).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo("33333.33");
    assertThat(governanceItems.count()).isEqualTo(itemsBefore + 1);

    runtimeService.createMessageCorrelation(JointLaunchProcess.Message.OFFER_RETIRED).processInstanceBusinessKey(key)
        .correlate();
    assertThat(instance).isEnded().hasPassed(OFFER_RETIRED);
    assertThat(offers.get(key).status()).isEqualTo(OfferStore.Status.RETIRED);
  }

  @Test
  void revenueShareOfferLaunchedLateIsRetiredOverRestBetweenPeriodsOnly() {
    List<String> lineUp = activePartners("vertical", 3);
    String key = newOfferKey("new-vertical");
    ProcessInstance instance = approvedAndReady(key, lineUp, "TIME_TO_MARKET", false);
    moveClockTo(offers.get(key).targetLaunchDate().plusDays(3));
    executeJobs(instance);

    Offer late = offers.get(key);
    assertThat(late.model()).isEqualTo(PricingModel.REVENUE_SHARE);
    assertThat(late.daysEarly()).isEqualTo(-3);
    PARTNER.verify(3, postRequestedFor(urlPathMatching("/partners/.*/v1/notifications"))
        .withRequestBody(matchingJsonPath("$.summary", containing("3 days late"))));
    assertThat(instance).isWaitingAt(PERIOD_OR_RETIREMENT);

    moveClockTo(late.launchedOn().plusMonths(1));
    executeJobs(instance);
    assertThat(instance).isWaitingAt(CONFIRM_REVENUE);
    ResponseEntity<Map> duringPeriod = Rest.as(rest, "amira").exchange("/api/offers/" + key + "/retirement",
        HttpMethod.POST, json("{}"), Map.class);
    assertThat(duringPeriod.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    complete(task(instance, CONFIRM_REVENUE), "fiona", "finance", Var.PERIOD_REVENUE, 1000);
    complete(task(instance, APPROVE_STATEMENT), "fiona", "finance", Var.STATEMENT_DECISION, "APPROVE");
    executeJobs(instance);

    assertThat(Rest.as(rest, "sofia").exchange("/api/offers/" + key + "/retirement", HttpMethod.POST, json("{}"),
        Map.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(Rest.as(rest, "fiona").exchange("/api/offers/" + key + "/retirement", HttpMethod.POST, json("{}"),
        Map.class).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(instance).isEnded().hasPassed(OFFER_RETIRED);
    assertThat(offers.statements(key)).hasSize(1);
  }

  // ---- finance overrides ----

  @Test
  void financeOverridesTheSharesThroughTheDecisionRecordAndTheOfferTakesThem() {
    List<String> lineUp = activePartners("override", 2);
    String key = newOfferKey("override-shares");
    ProcessInstance instance = start(offer(key, lineUp, "TIME_TO_MARKET", false, "MEDIUM", "ENTERPRISE", false));
    executeJobs(instance);
    long shareRecord = offers.get(key).shareRecordId();
    String body = """
        {"reason": "The platform provider brings the credits", "outputs": {"shares": [
          {"partnerKey": "%s", "basisPoints": 4000}, {"partnerKey": "%s", "basisPoints": 6000}]}}
        """.formatted(lineUp.get(0), lineUp.get(1));
    assertThat(Rest.as(rest, "fiona").exchange("/api/decision-records/" + shareRecord + "/override", HttpMethod.POST,
        json(body), Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    complete(task(instance, APPROVE_PRICING), "fiona", "finance", Var.PRICING_DECISION, "APPROVE");

    assertThat(offers.partners(key)).extracting(OfferPartner::basisPoints).containsExactly(4000, 6000);
  }

  @Test
  void financeOverridesThePricingModelAndTheSharesAreDecidedAgainUnderIt() {
    List<String> lineUp = activePartners("override-model", 2);
    String key = newOfferKey("override-model");
    ProcessInstance instance = start(offer(key, lineUp, "TIME_TO_MARKET", false, "MEDIUM", "ENTERPRISE", false));
    executeJobs(instance);
    long pricingRecord = offers.get(key).pricingRecordId();
    long shareRecord = offers.get(key).shareRecordId();
    assertThat(Rest.as(rest, "fiona").exchange("/api/decision-records/" + pricingRecord + "/override",
        HttpMethod.POST, json("{\"reason\": \"Buyers want to pay per use\", \"outputs\": {\"pricingModel\": "
            + "\"USAGE_BASED\"}}"), Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    complete(task(instance, APPROVE_PRICING), "fiona", "finance", Var.PRICING_DECISION, "APPROVE");

    Offer offer = offers.get(key);
    assertThat(offer.model()).isEqualTo(PricingModel.USAGE_BASED);
    assertThat(offer.pricingRationale()).isEqualTo("Finance override: Buyers want to pay per use");
    assertThat(offer.shareRecordId()).isNotEqualTo(shareRecord);
  }

  // ---- start contract ----

  @Test
  void anInvalidStartIsRefusedNamingEveryProblemAndLeavesNothingBehind() {
    String onboarding = newPartner("onboarding", PartnerStatus.ONBOARDING);
    String body = """
        {"variables": {
          "offerKey": {"value": "Bad Key"}, "lineUp": {"value": "[{\\"partnerKey\\": \\"%s\\", \\"role\\": \\"BROKER\\"}]"},
          "goalMetric": {"value": "PROFIT"}, "outcomeMeasurable": {"value": true},
          "usagePredictability": {"value": "MEDIUM"}, "customerSegment": {"value": "ENTERPRISE"},
          "dataProduct": {"value": false}, "priceBook": {"value": "[]"}, "slaTerms": {"value": "not json"},
          "targetLaunchDate": {"value": "2020-01-01"}}}
        """.formatted(onboarding);
    long instancesBefore = runtimeService.createProcessInstanceQuery().processDefinitionKey(JointLaunchProcess.KEY)
        .count();

    ResponseEntity<Map> refused = Rest.as(rest, "amira").exchange(
        "/engine-rest/process-definition/key/joint-launch/start", HttpMethod.POST, json(body), Map.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // answers quote at most 200 characters of a message: the first problems
    assertThat((String) refused.getBody().get("message")).contains("offerKey must be 2 to 60", "offerName is missing");
    Map<String, Object> variables = new java.util.HashMap<>();
    variables.put(Var.OFFER_KEY, "Bad Key");
    variables.put(Var.LINE_UP, "[{\"partnerKey\": \"" + onboarding + "\", \"role\": \"BROKER\"}]");
    variables.put(Var.GOAL_METRIC, "PROFIT");
    variables.put(Var.OUTCOME_MEASURABLE, true);
    variables.put(Var.USAGE_PREDICTABILITY, "MEDIUM");
    variables.put(Var.CUSTOMER_SEGMENT, "ENTERPRISE");
    variables.put(Var.DATA_PRODUCT, "no");
    variables.put(Var.PRICE_BOOK, "[]");
    variables.put(Var.SLA_TERMS, "not json");
    variables.put(Var.TARGET_LAUNCH_DATE, "2020-01-01");
    variables.put(Var.SETTLEMENT_PERIOD, "monthly");
    assertThatThrownBy(() -> start(variables)).isInstanceOf(InvalidInputException.class).hasMessageContainingAll(
        "offerKey must be 2 to 60", "offerName is missing", "lineUp[0].role must be one of", "goalMetric must be one of",
        "dataProduct must be true or false", "priceBook must have 1 to 50 entries", "slaTerms must be a JSON list",
        "targetLaunchDate must be after today", "outcomeTarget is required", "settlementPeriod must be an ISO 8601");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(JointLaunchProcess.KEY).count())
        .isEqualTo(instancesBefore);
  }

  @Test
  void aPartnerThatIsNotActiveOrTooManyPartnersAreRefused() {
    String onboarding = newPartner("not-yet", PartnerStatus.ONBOARDING);
    List<String> lineUp = new java.util.ArrayList<>(activePartners("ok", 1));
    lineUp.add(onboarding);
    String key = newOfferKey("inactive");
    assertThatThrownBy(() -> start(offer(key, lineUp, "NEW_REVENUE", false, "HIGH", "ENTERPRISE", true)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("partner '" + onboarding + "' is ONBOARDING");
    assertThat(offers.find(key)).isEmpty();

    Map<String, Object> nine = offer(key, activePartners("many", 1), "NEW_REVENUE", false, "HIGH", "ENTERPRISE", true);
    List<String> keys = activePartners("many", RevenueShareService.MAX_PARTNERS + 1);
    nine.put(Var.LINE_UP, lineUp(keys, keys.stream().map(k -> PartnerRole.DELIVERY_PARTNER).toList()));
    assertThatThrownBy(() -> start(nine)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("lineUp must name 1 to 8 partners, got 9");
  }

  @Test
  void anOfferKeyInUseIsAConflictOverRest() {
    List<String> lineUp = activePartners("dup", 1);
    String key = newOfferKey("taken");
    start(offer(key, lineUp, "NEW_REVENUE", false, "HIGH", "ENTERPRISE", true));
    String body = """
        {"variables": {"offerKey": {"value": "%s"}, "offerName": {"value": "Again"},
          "lineUp": {"value": "[{\\"partnerKey\\": \\"%s\\", \\"role\\": \\"LEAD_INTEGRATOR\\"}]"},
          "goalMetric": {"value": "NEW_REVENUE"}, "outcomeMeasurable": {"value": false},
          "usagePredictability": {"value": "HIGH"}, "customerSegment": {"value": "ENTERPRISE"},
          "dataProduct": {"value": true},
          "priceBook": {"value": "[{\\"sku\\":\\"A\\",\\"description\\":\\"A\\",\\"unit\\":\\"month\\",\\"price\\":1,\\"currency\\":\\"EUR\\"}]"},
          "slaTerms": {"value": "[\\"Best effort\\"]"}, "targetLaunchDate": {"value": "%s"}}}
        """.formatted(key, lineUp.get(0), LaunchService.today().plusDays(30));

    ResponseEntity<Map> conflict = Rest.as(rest, "amira").exchange(
        "/engine-rest/process-definition/key/joint-launch/start", HttpMethod.POST, json(body), Map.class);
    assertThat(conflict.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((String) conflict.getBody().get("message")).contains("Offer key '" + key + "' is in use");

    ResponseEntity<Map> notAllowed = Rest.as(rest, "sofia").exchange(
        "/engine-rest/process-definition/key/joint-launch/start", HttpMethod.POST, json(body), Map.class);
    assertThat(notAllowed.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  // ---- opportunity.updated, the offer's API ----

  @Test
  void opportunityUpdatesFromTheOwnPartnerAreRecordedAndAnotherPartnersAreRefused() {
    List<String> lineUp = activePartners("cosell", 2);
    String key = newOfferKey("cosell");
    ProcessInstance instance = approvedAndReady(key, lineUp, "TIME_TO_MARKET", false);
    long now = Instant.now().getEpochSecond();
    String own = """
        {"eventId": "opp-1", "type": "opportunity.updated", "occurredAt": "2026-12-02T08:00:00Z",
         "data": {"opportunityId": "%s:%s", "stage": "QUALIFIED"}}""".formatted(key, lineUp.get(0));
    assertThat(PartnerEvents.post(rest, lineUp.get(0), secrets.currentSecret(lineUp.get(0)), now, own)
        .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String others = """
        {"eventId": "opp-2", "type": "opportunity.updated", "occurredAt": "2026-12-02T08:00:00Z",
         "data": {"opportunityId": "%s:%s", "stage": "LOST"}}""".formatted(key, lineUp.get(0));
    assertThat(PartnerEvents.post(rest, lineUp.get(1), secrets.currentSecret(lineUp.get(1)), now, others)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    executeJobs(instance);

    // the update came before the registration's commit: the registration does not set the stage back
    assertThat(offers.partners(key)).extracting(OfferPartner::opportunityStage)
        .containsExactly("QUALIFIED", "PROSPECT");
    assertThat(instance).hasPassed(REGISTER_OPPORTUNITY);
  }

  @Test
  void theOfferReadsWithDecisionsGoToMarketLaunchAndStatementsForItsReadersOnly() {
    List<String> lineUp = activePartners("read", 2);
    String key = newOfferKey("readable");
    ProcessInstance instance = approvedAndReady(key, lineUp, "NEW_REVENUE", false);
    executeJobs(instance);

    ResponseEntity<Map> read = Rest.as(rest, "carlos").getForEntity("/api/offers/" + key, Map.class);
    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
    Map<String, Object> offer = read.getBody();
    assertThat(offer.get("status")).isEqualTo("SETTLING");
    assertThat((Map<String, Object>) offer.get("pricing")).containsEntry("pricingModel", "REVENUE_SHARE");
    assertThat((List<Map<String, Object>>) offer.get("decisions")).extracting(d -> d.get("decisionKey"))
        .containsExactlyInAnyOrder("pricing-model", "revenue-share");
    assertThat((List<Map<String, Object>>) offer.get("partners")).extracting(p -> p.get("sharePercent"))
        .allSatisfy(share -> assertThat(((Number) share).doubleValue()).isPositive());
    assertThat((Map<String, Object>) offer.get("goToMarket")).containsKeys("collateral", "coSellingPlan",
        "sponsorship");
    assertThat((Map<String, Object>) offer.get("launch")).containsEntry("daysEarly", 60);
    assertThat((List<?>) offer.get("priceBook")).hasSize(2);
    for (String reader : List.of("fiona", "sofia", "ethan", "amira", "grace")) {
      assertThat(Rest.as(rest, reader).getForEntity("/api/offers/" + key, Map.class).getStatusCode())
          .as(reader).isEqualTo(HttpStatus.OK);
    }
    assertThat(Rest.as(rest, "sam").getForEntity("/api/offers/" + key, Map.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(Rest.as(rest, "fiona").getForEntity("/api/offers/no-such-offer", Map.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  // ---- helpers ----

  /** Started, priced, approved by finance, go-to-market tasks done: the next job publishes. */
  private ProcessInstance approvedAndReady(String key, List<String> lineUp, String goal, boolean measurable) {
    ProcessInstance instance = start(offer(key, lineUp, goal, measurable, "MEDIUM", "ENTERPRISE", false));
    executeJobs(instance);
    complete(task(instance, APPROVE_PRICING), "fiona", "finance", Var.PRICING_DECISION, "APPROVE");
    goToMarket(instance);
    // the opportunity jobs are left to executeJobs, with the join and the publication
    return instance;
  }

  private void goToMarket(ProcessInstance instance) {
    complete(task(instance, PROVIDE_COLLATERAL), "amira", "alliance-managers", Var.COLLATERAL_WHAT, "Joint deck",
        Var.COLLATERAL_WHERE, "https://intranet.example/offers/deck", Var.COLLATERAL_APPROVED_BY, "Marketing lead");
    complete(task(instance, PLAN_CO_SELLING), "sofia", "sales", Var.TARGET_ACCOUNTS, "Acme, Globex",
        Var.PIPELINE_GOAL, 250000);
    complete(task(instance, SPONSOR_OFFER), "ethan", "executives", Var.OUR_SPONSOR, "Ethan Cole",
        Var.PARTNER_SPONSORS, "Each partner's CRO");
  }

  private List<Incident> incidents(ProcessInstance instance) {
    return runtimeService.createIncidentQuery().processInstanceId(instance.getId()).list();
  }

  private static BigDecimal share(Line line, String revenue) {
    return new BigDecimal(revenue).multiply(BigDecimal.valueOf(line.basisPoints())).divide(BigDecimal.valueOf(10_000));
  }

  private static java.util.Date date(LocalDate day) {
    return java.util.Date.from(day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
  }
}
