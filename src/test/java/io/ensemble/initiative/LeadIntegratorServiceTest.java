package io.ensemble.initiative;

import static io.ensemble.initiative.LeadIntegratorService.DeliveryScale.*;
import static io.ensemble.initiative.LeadIntegratorService.PartnerType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ensemble.governance.DecisionRecordRepository;
import io.ensemble.initiative.LeadIntegratorService.Candidate;
import io.ensemble.initiative.LeadIntegratorService.CandidateScore;
import io.ensemble.initiative.LeadIntegratorService.LeadChoice;
import io.ensemble.platform.InvalidInputException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/** The lead for a line-up, as the article's cases would have it, with the reason and a decision record. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class LeadIntegratorServiceTest {

  @Autowired LeadIntegratorService leads;
  @Autowired CapabilityService capabilities;
  @Autowired DecisionRecordRepository records;

  @Test
  void domainSystemIntegratorLeadsTheChurnProgramme() {
    LeadChoice choice = leads.choose(subject(), List.of(
        new Candidate("marketing-cloud", MARKETING_AUTOMATION, false, LARGE, true),
        new Candidate("customer-data-platform", DATA_PLATFORM, false, LARGE, true),
        new Candidate("crm-integrators", SYSTEM_INTEGRATOR, true, MEDIUM, true)), false);

    assertThat(choice.leadPartnerKey()).isEqualTo("crm-integrators");
    assertThat(choice.reason()).startsWith("crm-integrators leads with 90 points")
        .contains("knows the initiative's domain");
    assertThat(choice.scores()).extracting(CandidateScore::score).containsExactly(0, 0, 90);
  }

  @Test
  void globalDeliveryPartnerLeadsWhenScaleIsTheNeed() {
    List<Candidate> newVertical = List.of(
        new Candidate("global-delivery", GLOBAL_DELIVERY, false, LARGE, true),
        new Candidate("cloud-credits", CLOUD_PROVIDER, false, LARGE, true),
        new Candidate("vertical-integrator", SYSTEM_INTEGRATOR, true, MEDIUM, false));

    LeadChoice whenScaleIsTheNeed = leads.choose(subject(), newVertical, true);
    LeadChoice otherwise = leads.choose(subject(), newVertical, false);

    assertThat(whenScaleIsTheNeed.leadPartnerKey()).isEqualTo("global-delivery");
    assertThat(whenScaleIsTheNeed.reason()).contains("the initiative needs engineering scale");
    assertThat(otherwise.leadPartnerKey()).isEqualTo("vertical-integrator");
  }

  @Test
  void productVendorsAloneAreLedByTheCompanysOwnIt() {
    LeadChoice choice = leads.choose(subject(), List.of(
        new Candidate("bots-inc", RPA_VENDOR, true, LARGE, true),
        new Candidate("doc-reader", DOCUMENT_AI, true, MEDIUM, true),
        new Candidate("ledger-app", ISV, true, SMALL, false)), false);

    assertThat(choice.ownItLeads()).isTrue();
    assertThat(choice.leadPartnerKey()).isEqualTo(LeadIntegratorService.OWN_IT);
    assertThat(choice.reason()).contains("own IT leads").contains("No partner reaches 50 points");
  }

  @Test
  void monthEndClosePilotIsLedByTheProcessRedesignConsultancy() {
    LeadChoice choice = leads.choose(subject(), List.of(
        new Candidate("bots-inc", RPA_VENDOR, false, MEDIUM, true),
        new Candidate("doc-reader", DOCUMENT_AI, false, SMALL, true),
        new Candidate("close-redesign", CONSULTANCY, true, SMALL, true)), false);

    assertThat(choice.leadPartnerKey()).isEqualTo("close-redesign");
  }

  @Test
  void equalScoresGoToTheLargerDeliveryScaleThenToThePartnerKey() {
    // 40 + 20 (large) = 60 against 40 + 10 (medium) + 10 (regions) = 60
    LeadChoice byScale = leads.choose(subject(), List.of(
        new Candidate("regional-si", SYSTEM_INTEGRATOR, false, MEDIUM, true),
        new Candidate("big-si", SYSTEM_INTEGRATOR, false, LARGE, false)), false);
    LeadChoice byKey = leads.choose(subject(), List.of(
        new Candidate("si-zulu", SYSTEM_INTEGRATOR, true, LARGE, true),
        new Candidate("si-alpha", SYSTEM_INTEGRATOR, true, LARGE, true)), false);

    assertThat(byScale.leadPartnerKey()).isEqualTo("big-si");
    assertThat(byScale.reason()).contains("tied with regional-si, ahead by its larger delivery scale");
    assertThat(byKey.leadPartnerKey()).isEqualTo("si-alpha");
    assertThat(byKey.reason()).contains("ahead by partner key order");
  }

  @Test
  void theChoiceIsRecordedWithEveryCandidatesScore() {
    String initiative = subject();
    LeadChoice choice = leads.choose(initiative, List.of(
        new Candidate("crm-integrators", SYSTEM_INTEGRATOR, true, MEDIUM, true)), false);

    var record = records.findById(choice.recordId()).orElseThrow();
    assertThat(record.getDecisionKey()).isEqualTo("lead-integrator");
    assertThat(record.getSubjectKey()).isEqualTo(initiative);
    assertThat(record.getDecisionVersion()).isEqualTo(choice.decisionVersion());
    assertThat(record.getInputsJson()).contains("\"partnerType\":\"SYSTEM_INTEGRATOR\"").contains("\"scaleNeeded\":false");
    assertThat(record.getOutputsJson()).contains("\"leadPartnerKey\":\"crm-integrators\"").contains("\"score\":90");
  }

  @Test
  void anEmptyOrDuplicatedLineUpIsAClientMistake() {
    assertThatThrownBy(() -> leads.choose(subject(), List.of(), false)).isInstanceOf(InvalidInputException.class);
    var twice = new Candidate("same", ISV, false, SMALL, false);
    assertThatThrownBy(() -> leads.choose(subject(), List.of(twice, twice), false))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("twice");
  }

  @Test
  void capabilityServiceListsTheCapabilitiesOfTheTelemetryCase() {
    assertThat(capabilities.requiredCapabilities(GoalMetric.NEW_REVENUE, OfferingKind.DATA_PRODUCT))
        .containsExactly("API_STANDARDISATION", "PRIVACY_SAFEGUARDS", "ANALYTICS", "SUBSCRIPTION_BILLING");
  }

  private static String subject() {
    return "initiative-" + UUID.randomUUID();
  }
}
