package io.ensemble.onboarding;

import static io.ensemble.onboarding.PartnerOnboardingProcess.Activity.PARTNER_WITHDRAWN;
import static io.ensemble.support.Rest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.ensemble.partner.PartnerStatus;
import io.ensemble.security.DemoUsers;
import io.ensemble.security.EnsembleGroup;
import io.ensemble.support.Rest;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * {@code POST /api/partners/{key}/withdrawal}: the domain endpoint that replaced message correlation over engine
 * REST. It checks the caller's group, then acts as the application on exactly that partner's onboarding.
 */
class PartnerWithdrawalTest extends OnboardingHttpSupport {

  @Autowired TestRestTemplate rest;

  private ResponseEntity<Map> withdraw(String user, String key, String body) {
    return Rest.as(rest, user).exchange("/api/partners/" + key + "/withdrawal", HttpMethod.POST,
        json(body), Map.class);
  }

  @Test
  void anAllianceManagerWithdrawsAPartnerWithAReason() {
    String key = newPartnerKey("withdraw");
    ProcessInstance instance = start(lowRisk(key));

    ResponseEntity<Map> answer = withdraw("amira", key, "{\"reason\": \"Partner chose a competitor\"}");

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(answer.getBody()).containsEntry("withdrawnBy", "amira");
    executeJobs(instance);
    assertThat(instance).isEnded().hasPassed(PARTNER_WITHDRAWN);
    assertThat(partners.findById(key).orElseThrow().getStatus()).isEqualTo(PartnerStatus.WITHDRAWN);
    assertThat(partners.findById(key).orElseThrow().getClosedReason()).isEqualTo("Partner chose a competitor");
  }

  @Test
  void nobodyElseMayWithdrawAndNothingChanges() {
    String key = newPartnerKey("not-yours");
    ProcessInstance instance = start(lowRisk(key));

    for (DemoUsers.DemoUser user : DemoUsers.USERS) {
      if (user.group() != EnsembleGroup.ALLIANCE_MANAGERS) {
        assertThat(withdraw(user.id(), key, "{\"reason\": \"not mine to withdraw\"}").getStatusCode())
            .as(user.id()).isEqualTo(HttpStatus.FORBIDDEN);
      }
    }
    assertThat(rest.withBasicAuth("demo", "demo").exchange("/api/partners/" + key + "/withdrawal", HttpMethod.POST,
        json("{\"reason\": \"admins administer\"}"), Map.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(instance).isActive();
    assertThat(partners.findById(key).orElseThrow().getStatus()).isEqualTo(PartnerStatus.ONBOARDING);
  }

  @Test
  void anUnknownPartnerIs404() {
    ResponseEntity<Map> answer = withdraw("amira", "nobody-at-all", "{\"reason\": \"gone\"}");
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat((String) answer.getBody().get("detail")).contains("No partner nobody-at-all");
  }

  @Test
  void aPartnerWithNoOnboardingRunningIs409() {
    ResponseEntity<Map> answer = withdraw("amira", "meshgate", "{\"reason\": \"changed our mind\"}");
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((String) answer.getBody().get("detail")).contains("meshgate is ACTIVE").contains("no onboarding");
  }

  @Test
  void aWithdrawalNeedsAReason() {
    String key = newPartnerKey("no-reason");
    ProcessInstance instance = start(lowRisk(key));

    for (String body : new String[] {"{}", "{\"reason\": \"  \"}", "", "[\"reason\"]"}) {
      ResponseEntity<Map> answer = withdraw("amira", key, body);
      assertThat(answer.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
    }
    assertThat((String) withdraw("amira", key, "{}").getBody().get("detail")).contains("needs a reason");
    assertThat(instance).isActive();
  }
}
