package io.ensemble.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerReview;
import io.ensemble.partner.PartnerStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** {@code GET /api/partners} and the risk-tier decision over REST, as the groups that use them. */
class PartnerRegistryApiTest extends OnboardingTestSupport {

  @Autowired TestRestTemplate rest;

  @ParameterizedTest
  @ValueSource(strings = {"amira", "sam", "dana", "leo", "grace", "carlos", "demo"})
  void onboardingReviewingAndGoverningGroupsReadTheRegistry(String user) {
    String key = newPartnerKey("registry");
    registered(key);

    ResponseEntity<List> all = rest.withBasicAuth(user, user).getForEntity("/api/partners", List.class);
    assertThat(all.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(all.getBody()).extracting(p -> ((Map<?, ?>) p).get("key")).contains(key);

    ResponseEntity<Map> one = rest.withBasicAuth(user, user).getForEntity("/api/partners/" + key, Map.class);
    assertThat(one.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(one.getBody()).containsEntry("status", "ACTIVE").containsEntry("riskTier", "MEDIUM")
        .containsEntry("onboardingLeadTime", "PT74H");
    assertThat((List<Map<String, Object>>) one.getBody().get("reviews")).singleElement()
        .satisfies(review -> assertThat(review).containsEntry("group", "security").containsEntry("outcome", "APPROVED"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"fiona", "sofia", "ethan"})
  void otherGroupsAreRefused(String user) {
    assertThat(rest.withBasicAuth(user, user).getForEntity("/api/partners", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth(user, user).getForEntity("/api/partners/meshgate", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void unknownPartnerIsNotFoundAndAnonymousIsUnauthorized() {
    assertThat(rest.withBasicAuth("amira", "amira").getForEntity("/api/partners/nobody-here", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(rest.getForEntity("/api/partners", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void governanceOfficeEvaluatesTheRiskTierOverRest() {
    String body = """
        {"variables": {
          "dataAccess": {"value": "NONE"}, "partnerType": {"value": "ISV"}, "jurisdiction": {"value": "DE"},
          "annualContractValue": {"value": 50000, "type": "Long"},
          "certifications": {"type": "Json", "value": "[\\"SOC2\\"]"}}}
        """;
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<List> result = rest.withBasicAuth("grace", "grace").exchange(
        "/engine-rest/decision-definition/key/partner-risk-tier/evaluate", HttpMethod.POST,
        new HttpEntity<>(body, headers), List.class);

    assertThat(result.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(result.getBody()).singleElement()
        .satisfies(row -> assertThat(((Map<String, Map<String, Object>>) row).get("tier").get("value")).isEqualTo("LOW"));
  }

  private void registered(String key) {
    Partner partner = new Partner(key, "Registry " + key, "ISV", partnerUrl(key), PartnerStatus.ONBOARDING);
    partner.setRiskTier("MEDIUM");
    partner.setOnboardingStartedAt(Instant.parse("2026-11-01T08:00:00Z"));
    partner.activate(Instant.parse("2026-11-04T10:00:00Z"));
    partners.save(partner);
    reviews.save(new PartnerReview(key, "instance-1", "security", "Risk tier above LOW", "APPROVED", null, "sam",
        Instant.parse("2026-11-02T09:00:00Z")));
  }
}
