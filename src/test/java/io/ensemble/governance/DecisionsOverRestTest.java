package io.ensemble.governance;

import static io.ensemble.support.Rest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.initiative.GoalMetric;
import io.ensemble.launch.PricingService.CustomerSegment;
import io.ensemble.launch.PricingService.PricingInput;
import io.ensemble.launch.PricingService.UsagePredictability;
import io.ensemble.launch.PricingService;
import io.ensemble.platform.InvalidInputException;
import io.ensemble.security.EnsembleGroup;
import io.ensemble.support.Rest;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The decisions as REST clients and the governance office see them: evaluated on their own over the engine's
 * REST API by those allowed to, and recorded with their inputs, version and any human override.
 * (Same Spring configuration as the platform tests, so the context is shared.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class DecisionsOverRestTest {

  /** As in the README: values without a type are typed by their JSON (string, boolean). */
  static final String TELEMETRY_INPUTS = """
      {"variables": {
        "goalMetric": {"value": "NEW_REVENUE"}, "outcomeMeasurable": {"value": false},
        "usagePredictability": {"value": "HIGH"}, "partnerCount": {"value": 1, "type": "Integer"},
        "customerSegment": {"value": "ENTERPRISE"}, "dataProduct": {"value": true}}}
      """;

  @Autowired TestRestTemplate rest;
  @Autowired PricingService pricingService;
  @Autowired IdentityService identityService;
  @Autowired ObjectMapper objectMapper;

  // ---------------------------------------------------------------- evaluation over the engine's REST API

  @Test
  void financeEvaluatesThePricingModelOverRest() throws Exception {
    ResponseEntity<String> response = Rest.as(rest, EnsembleGroup.FINANCE).exchange(evaluate("pricing-model"), HttpMethod.POST,
        json(TELEMETRY_INPUTS), String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode result = objectMapper.readTree(response.getBody());
    assertThat(result).hasSize(1);
    assertThat(result.get(0).at("/pricingModel/value").asText()).isEqualTo("TIERED_SUBSCRIPTION");
    assertThat(result.get(0).at("/rationale/value").asText()).isNotBlank();
  }

  @Test
  void financeEvaluatesARevenueShareWeightOverRest() throws Exception {
    ResponseEntity<String> response = Rest.as(rest, EnsembleGroup.FINANCE).exchange(evaluate("revenue-share"), HttpMethod.POST,
        json("""
            {"variables": {"partnerRole": {"value": "LEAD_INTEGRATOR", "type": "String"},
                           "pricingModel": {"value": "OUTCOME_BASED", "type": "String"}}}
            """), String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode result = objectMapper.readTree(response.getBody());
    assertThat(result.get(0).at("/weight/value").asInt()).isPositive();
    assertThat(result.get(0).at("/slaBandPercent/value").asInt()).isPositive();
  }

  @Test
  void governanceOfficeEvaluatesTheLeadIntegratorAndCapabilityMapOverRest() throws Exception {
    var grace = Rest.as(rest, EnsembleGroup.GOVERNANCE_OFFICE);
    ResponseEntity<String> lead = grace.exchange(evaluate("lead-integrator"), HttpMethod.POST, json("""
        {"variables": {"partnerType": {"value": "SYSTEM_INTEGRATOR", "type": "String"},
                       "domainExpertise": {"value": true, "type": "Boolean"},
                       "deliveryScale": {"value": "MEDIUM", "type": "String"},
                       "regionCoverage": {"value": true, "type": "Boolean"}}}
        """), String.class);
    ResponseEntity<String> capabilities = grace.exchange(evaluate("capability-map"), HttpMethod.POST, json("""
        {"variables": {"goalMetric": {"value": "COST_EFFICIENCY", "type": "String"},
                       "offeringKind": {"value": "PROCESS_AUTOMATION", "type": "String"}}}
        """), String.class);

    assertThat(lead.getStatusCode()).isEqualTo(HttpStatus.OK);
    int score = 0;
    for (JsonNode points : objectMapper.readTree(lead.getBody())) {
      score += points.at("/score/value").asInt();
      assertThat(points.at("/reason/value").asText()).isNotBlank();
    }
    assertThat(score).isEqualTo(90);
    assertThat(capabilities.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(objectMapper.readTree(capabilities.getBody()).findValuesAsText("value"))
        .containsExactlyInAnyOrder("ROBOTIC_PROCESS_AUTOMATION", "DOCUMENT_AI", "PROCESS_REDESIGN");
  }

  @Test
  void evaluationWithoutCredentialsIsRefused() {
    assertThat(rest.exchange(evaluate("pricing-model"), HttpMethod.POST, json(TELEMETRY_INPUTS), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aUserWithoutPermissionCannotEvaluate() {
    // the CIO office may read decision definitions but not evaluate them: 403
    assertThat(Rest.as(rest, EnsembleGroup.CIO).exchange(evaluate("pricing-model"), HttpMethod.POST, json(TELEMETRY_INPUTS),
        String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // sales may not even see the definition; Camunda answers as if it did not exist
    assertThat(Rest.as(rest, EnsembleGroup.SALES).exchange(evaluate("pricing-model"), HttpMethod.POST, json(TELEMETRY_INPUTS),
        String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  // ---------------------------------------------------------------- decision records

  @Test
  void pricingDecisionIsRecordedWithInputsVersionOutputsAndWho() throws Exception {
    String offer = "offer-" + UUID.randomUUID();
    identityService.setAuthentication("fiona", List.of(EnsembleGroup.FINANCE.id()));
    PricingService.PricingDecision decision;
    try {
      decision = pricingService.decide(offer, telemetry());
    } finally {
      identityService.clearAuthentication();
    }

    JsonNode records = getRecords(EnsembleGroup.GOVERNANCE_OFFICE, "?decisionKey=pricing-model&subjectKey=" + offer);
    assertThat(records).hasSize(1);
    JsonNode record = records.get(0);
    assertThat(record.get("id").asLong()).isEqualTo(decision.recordId());
    assertThat(record.get("decisionKey").asText()).isEqualTo("pricing-model");
    assertThat(record.get("decisionVersion").asInt()).isEqualTo(decision.decisionVersion()).isPositive();
    assertThat(record.get("decisionDefinitionId").asText()).startsWith("pricing-model:");
    assertThat(record.at("/inputs/goalMetric").asText()).isEqualTo("NEW_REVENUE");
    assertThat(record.at("/inputs/dataProduct").asBoolean()).isTrue();
    assertThat(record.at("/outputs/pricingModel").asText()).isEqualTo("TIERED_SUBSCRIPTION");
    assertThat(record.at("/outputs/rationale").asText()).isEqualTo(decision.rationale());
    assertThat(record.get("evaluatedBy").asText()).isEqualTo("fiona");
    assertThat(record.has("override")).isFalse();
  }

  @Test
  void financeOverridesADecisionWithAReasonAndTheOriginalStays() throws Exception {
    long id = pricingService.decide("offer-" + UUID.randomUUID(), telemetry()).recordId();

    ResponseEntity<String> overridden = Rest.as(rest, EnsembleGroup.FINANCE).exchange(override(id), HttpMethod.POST, json("""
        {"outputs": {"pricingModel": "USAGE_BASED"},
         "reason": "Anchor customer insists on paying per API call for the first year"}
        """), String.class);

    assertThat(overridden.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode record = getRecords(EnsembleGroup.GOVERNANCE_OFFICE, "/" + id);
    assertThat(record.at("/outputs/pricingModel").asText()).isEqualTo("TIERED_SUBSCRIPTION");
    assertThat(record.at("/override/outputs/pricingModel").asText()).isEqualTo("USAGE_BASED");
    assertThat(record.at("/override/reason").asText()).startsWith("Anchor customer");
    assertThat(record.at("/override/by").asText()).isEqualTo("fiona");
    assertThat(record.at("/override/at").asText()).isNotBlank();

    // once overridden, a record is not overridden again: a new evaluation records a new outcome
    assertThat(Rest.as(rest, EnsembleGroup.GOVERNANCE_OFFICE).exchange(override(id), HttpMethod.POST, json("""
        {"outputs": {"pricingModel": "OUTCOME_BASED"}, "reason": "second thoughts"}
        """), String.class).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void onlyGovernanceOfficeAndFinanceMayOverride() {
    long id = pricingService.decide("offer-" + UUID.randomUUID(), telemetry()).recordId();
    String body = """
        {"outputs": {"pricingModel": "USAGE_BASED"}, "reason": "sales prefers it"}
        """;

    for (EnsembleGroup group : List.of(EnsembleGroup.SALES, EnsembleGroup.CIO, EnsembleGroup.ALLIANCE_MANAGERS)) {
      assertThat(Rest.as(rest, group).exchange(override(id), HttpMethod.POST, json(body), String.class).getStatusCode())
          .as(group.id()).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(rest.exchange(override(id), HttpMethod.POST, json(body), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(Rest.as(rest, EnsembleGroup.GOVERNANCE_OFFICE).exchange(override(id), HttpMethod.POST, json(body), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void anOverrideNeedsAReasonAndOutputs() {
    long id = pricingService.decide("offer-" + UUID.randomUUID(), telemetry()).recordId();
    var finance = Rest.as(rest, EnsembleGroup.FINANCE);

    ResponseEntity<String> noReason = finance.exchange(override(id), HttpMethod.POST,
        json("{\"outputs\": {\"pricingModel\": \"USAGE_BASED\"}, \"reason\": \"  \"}"), String.class);
    ResponseEntity<String> noOutputs = finance.exchange(override(id), HttpMethod.POST,
        json("{\"reason\": \"because\"}"), String.class);
    ResponseEntity<String> unknown = finance.exchange(override(Long.MAX_VALUE), HttpMethod.POST,
        json("{\"outputs\": {\"pricingModel\": \"USAGE_BASED\"}, \"reason\": \"because\"}"), String.class);

    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReason.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(noReason.getBody()).contains("reason");
    assertThat(noOutputs.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void decisionRecordsAreForGovernanceFinanceAndTheCioOnly() {
    assertThat(Rest.as(rest, EnsembleGroup.SALES).getForEntity("/api/decision-records", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity("/api/decision-records", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    for (EnsembleGroup group : List.of(EnsembleGroup.GOVERNANCE_OFFICE, EnsembleGroup.FINANCE, EnsembleGroup.CIO)) {
      assertThat(Rest.as(rest, group).getForEntity("/api/decision-records?decisionKey=pricing-model", String.class)
          .getStatusCode()).as(group.id()).isEqualTo(HttpStatus.OK);
    }
  }

  @Test
  void aServiceCalledForAUserWhoMayNotUseTheDecisionRefusesWithForbidden() {
    identityService.setAuthentication("sofia", List.of(EnsembleGroup.SALES.id()));
    try {
      assertThatThrownBy(() -> pricingService.decide("offer-" + UUID.randomUUID(), telemetry()))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.status()).isEqualTo(403));
    } finally {
      identityService.clearAuthentication();
    }
  }

  // ---------------------------------------------------------------- helpers

  static PricingInput telemetry() {
    return new PricingInput(GoalMetric.NEW_REVENUE, false, UsagePredictability.HIGH, 1, CustomerSegment.ENTERPRISE, true);
  }

  private JsonNode getRecords(EnsembleGroup group, String query) throws Exception {
    ResponseEntity<String> response = Rest.as(rest, group).getForEntity("/api/decision-records" + query, String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return objectMapper.readTree(response.getBody());
  }

  private static String evaluate(String decisionKey) {
    return "/engine-rest/decision-definition/key/" + decisionKey + "/evaluate";
  }

  private static String override(long id) {
    return "/api/decision-records/" + id + "/override";
  }
}
