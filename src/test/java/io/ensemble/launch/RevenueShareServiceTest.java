package io.ensemble.launch;

import static io.ensemble.launch.PartnerRole.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.ensemble.governance.DecisionRecordRepository;
import io.ensemble.launch.RevenueShareService.Participant;
import io.ensemble.launch.RevenueShareService.RevenueShareDecision;
import io.ensemble.launch.RevenueShareService.Share;
import io.ensemble.platform.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/** Revenue shares through the deployed decision: exactly 100.00 %, SLA bands when outcome-based, recorded. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class RevenueShareServiceTest {

  @Autowired RevenueShareService revenueShares;
  @Autowired DecisionRecordRepository records;

  static final List<Participant> NEW_VERTICAL = List.of(
      new Participant("global-delivery", DELIVERY_PARTNER),
      new Participant("cloud-credits", PLATFORM_PROVIDER),
      new Participant("vertical-integrator", LEAD_INTEGRATOR));

  @Test
  void newVerticalRevenueIsSharedByRoleAndSumsToOneHundredPercent() {
    RevenueShareDecision decision = revenueShares.decide(offer(), PricingModel.REVENUE_SHARE, NEW_VERTICAL);

    // weights 15, 25, 30 of 70
    assertThat(decision.shares()).extracting(Share::partnerKey, Share::percent).containsExactly(
        tuple("global-delivery", new BigDecimal("21.43")),
        tuple("cloud-credits", new BigDecimal("35.71")),
        tuple("vertical-integrator", new BigDecimal("42.86")));
    assertThat(total(decision)).isEqualByComparingTo("100.00");
    assertThat(decision.slaTerm()).isNull();
    assertThat(decision.shares()).allSatisfy(share -> assertThat(share.slaBandPercent()).isZero());
  }

  @Test
  void outcomeBasedSharesCarryAnSlaBand() {
    RevenueShareDecision decision = revenueShares.decide(offer(), PricingModel.OUTCOME_BASED, List.of(
        new Participant("marketing-cloud", CAPABILITY_VENDOR),
        new Participant("customer-data-platform", PLATFORM_PROVIDER),
        new Participant("crm-integrators", LEAD_INTEGRATOR)));

    assertThat(total(decision)).isEqualByComparingTo("100.00");
    assertThat(decision.slaTerm()).isNotNull();
    assertThat(decision.slaTerm().description()).contains("bonus").contains("penalty");
    assertThat(decision.shares()).allSatisfy(share -> assertThat(share.slaBandPercent()).isPositive());
  }

  @Test
  void eightPartnersOfOneRoleShareEquallyAndExactly() {
    List<Participant> eight = IntStream.rangeClosed(1, 8)
        .mapToObj(i -> new Participant("vendor-" + i, CAPABILITY_VENDOR)).toList();

    RevenueShareDecision decision = revenueShares.decide(offer(), PricingModel.TIERED_SUBSCRIPTION, eight);

    assertThat(decision.shares()).extracting(Share::percent).containsOnly(new BigDecimal("12.50"));
    assertThat(total(decision)).isEqualByComparingTo("100.00");
  }

  @Test
  void theOrderOfTheLineUpDoesNotChangeTheShares() {
    var reversed = new ArrayList<>(NEW_VERTICAL);
    Collections.reverse(reversed);

    assertThat(revenueShares.decide(offer(), PricingModel.USAGE_BASED, reversed).shares())
        .containsExactlyInAnyOrderElementsOf(revenueShares.decide(offer(), PricingModel.USAGE_BASED, NEW_VERTICAL).shares());
  }

  @Test
  void theDecisionIsRecordedWithLineUpSharesAndRounding() {
    String offer = offer();
    RevenueShareDecision decision = revenueShares.decide(offer, PricingModel.OUTCOME_BASED, NEW_VERTICAL);

    var record = records.findById(decision.recordId()).orElseThrow();
    assertThat(record.getDecisionKey()).isEqualTo("revenue-share");
    assertThat(record.getSubjectKey()).isEqualTo(offer);
    assertThat(record.getInputsJson()).contains("\"pricingModel\":\"OUTCOME_BASED\"").contains("vertical-integrator");
    assertThat(record.getOutputsJson()).contains("\"percent\":").contains("largest remainder").contains("slaTerm");
  }

  @Test
  void lineUpsOutsideOneToEightPartnersAreClientMistakes() {
    List<Participant> nine = IntStream.rangeClosed(1, 9).mapToObj(i -> new Participant("p" + i, CAPABILITY_VENDOR)).toList();

    assertThatThrownBy(() -> revenueShares.decide(offer(), PricingModel.REVENUE_SHARE, List.of()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> revenueShares.decide(offer(), PricingModel.REVENUE_SHARE, nine))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> revenueShares.decide(offer(), null, NEW_VERTICAL))
        .isInstanceOf(InvalidInputException.class);
  }

  private static BigDecimal total(RevenueShareDecision decision) {
    return decision.shares().stream().map(Share::percent).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static String offer() {
    return "offer-" + UUID.randomUUID();
  }
}
