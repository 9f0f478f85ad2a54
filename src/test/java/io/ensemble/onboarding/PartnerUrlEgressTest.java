package io.ensemble.onboarding;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.ensemble.onboarding.PartnerOnboardingProcess.Activity.CHECK_CONFORMANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ensemble.partner.Partner;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * The egress policy again at call time: a partner URL that was admitted at registration but now points inside
 * (as after DNS rebinding) is not called; the job fails with a message that names the rule, the partner and the
 * operation, and the attempt does not count against the partner's circuit breaker.
 */
class PartnerUrlEgressTest extends OnboardingHttpSupport {

  @Test
  void aPartnerUrlThatNowPointsInsideIsNotCalled() {
    String key = newPartnerKey("rebound");
    ProcessInstance instance = start(lowRisk(key));
    Partner partner = partners.findById(key).orElseThrow();
    // same WireMock partner, but by its loopback address: not the allow-listed URL any more
    partner.setApiBaseUrl(partnerUrl(key).replace("localhost", "127.0.0.1"));
    partners.save(partner);

    Job conformance = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
    assertThatThrownBy(() -> managementService.executeJob(conformance.getId()))
        .hasMessageContaining("Partner " + key)
        .hasMessageContaining("conformance")
        .hasMessageContaining("egress policy")
        .hasMessageContaining("resolves to a loopback address (127.0.0.1)");

    assertThat(calls(anyRequestedFor(urlPathMatching("/partners/" + key + "/.*")))).isZero();
    assertThat(runtimeService.getActiveActivityIds(instance.getId())).containsExactly(CHECK_CONFORMANCE);
  }
}
