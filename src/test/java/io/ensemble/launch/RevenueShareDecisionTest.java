package io.ensemble.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.support.DmnTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code dmn/revenue-share.dmn} (UNIQUE, one rule per role and model) and the rounding to 100.00 %. */
class RevenueShareDecisionTest {

  static final DmnTable TABLE = DmnTable.load("revenue-share");

  static Stream<Arguments> everyRoleUnderEveryModel() {
    return Stream.of(PartnerRole.values()).flatMap(role -> Stream.of(PricingModel.values())
        .map(model -> Arguments.of(role, model)));
  }

  static DmnTable.Evaluation evaluate(PartnerRole role, PricingModel model) {
    return TABLE.evaluate(Map.of("partnerRole", role.name(), "pricingModel", model.name()));
  }

  @ParameterizedTest(name = "{0} under {1}")
  @MethodSource("everyRoleUnderEveryModel")
  void eachRoleAndModelHasExactlyOneRuleWithAPositiveWeight(PartnerRole role, PricingModel model) {
    DmnTable.Evaluation evaluation = evaluate(role, model);

    assertThat(evaluation.matchedRules()).containsExactly("Rule_" + camel(role.name()) + camel(model.name()));
    DmnDecisionResultEntries entries = evaluation.result().getSingleResult();
    assertThat(entries.<Integer>getEntry("weight")).isPositive();
    if (model == PricingModel.OUTCOME_BASED) {
      assertThat(entries.<Integer>getEntry("slaBandPercent")).isBetween(1, 50);
    } else {
      assertThat(entries.<Integer>getEntry("slaBandPercent")).isZero();
    }
  }

  @Test
  void theWholeInputDomainHitsEveryRuleExactlyOnce() {
    Set<String> hit = new HashSet<>();
    everyRoleUnderEveryModel().forEach(args -> {
      List<String> matched = evaluate((PartnerRole) args.get()[0], (PricingModel) args.get()[1]).matchedRules();
      assertThat(matched).hasSize(1);
      assertThat(hit.add(matched.get(0))).as("rule %s hit twice", matched.get(0)).isTrue();
    });
    assertThat(hit).containsExactlyInAnyOrderElementsOf(TABLE.ruleIds());
  }

  @Test
  void theLeadIntegratorCarriesTheWidestSlaBandUnderOutcomePricing() {
    Map<PartnerRole, Integer> bands = new EnumMap<>(PartnerRole.class);
    for (PartnerRole role : PartnerRole.values()) {
      bands.put(role, evaluate(role, PricingModel.OUTCOME_BASED).result().getSingleResult().getEntry("slaBandPercent"));
    }
    assertThat(bands.get(PartnerRole.LEAD_INTEGRATOR)).isEqualTo(Collections.max(bands.values()));
  }

  @Test
  void sharesSumToExactlyOneHundredPercentForEveryLineUpOfOneToEightPartners() {
    Map<PricingModel, Map<PartnerRole, Integer>> weights = new EnumMap<>(PricingModel.class);
    for (PricingModel model : PricingModel.values()) {
      weights.put(model, Stream.of(PartnerRole.values()).collect(Collectors.toMap(Function.identity(),
          role -> evaluate(role, model).result().getSingleResult().<Integer>getEntry("weight"))));
    }
    int lineUps = 0;
    for (int size = 1; size <= 8; size++) {
      for (List<PartnerRole> roles : multisets(size)) {
        for (PricingModel model : PricingModel.values()) {
          List<ShareAllocation.Claim> claims = new ArrayList<>();
          for (int i = 0; i < roles.size(); i++) {
            claims.add(new ShareAllocation.Claim("partner-" + i, weights.get(model).get(roles.get(i))));
          }
          List<ShareAllocation.Allocation> allocations = ShareAllocation.largestRemainder(claims);

          assertThat(allocations.stream().map(ShareAllocation.Allocation::percent).reduce(BigDecimal.ZERO, BigDecimal::add))
              .as("%s under %s", roles, model).isEqualByComparingTo("100.00");
          assertThat(allocations).allSatisfy(a -> assertThat(a.basisPoints()).isPositive());
          // the same line-up listed in reverse gets the same shares
          List<ShareAllocation.Claim> reversed = new ArrayList<>(claims);
          Collections.reverse(reversed);
          assertThat(ShareAllocation.largestRemainder(reversed)).containsExactlyInAnyOrderElementsOf(allocations);
          lineUps++;
        }
      }
    }
    assertThat(lineUps).isEqualTo(494 * 4); // multisets of 1..8 from 4 roles, times 4 models
  }

  @Test
  void leftoverBasisPointsGoToTheLargestRemainderThenToThePartnerKey() {
    var shares = ShareAllocation.largestRemainder(List.of(
        new ShareAllocation.Claim("charlie", 25), new ShareAllocation.Claim("alpha", 25),
        new ShareAllocation.Claim("bravo", 25)));

    assertThat(shares).extracting(ShareAllocation.Allocation::percent)
        .containsExactly(new BigDecimal("33.33"), new BigDecimal("33.34"), new BigDecimal("33.33"));
  }

  /** Every multiset of roles of the given size (order does not matter to the shares). */
  static List<List<PartnerRole>> multisets(int size) {
    List<List<PartnerRole>> result = new ArrayList<>();
    collect(size, 0, new ArrayList<>(), result);
    return result;
  }

  private static void collect(int remaining, int from, List<PartnerRole> current, List<List<PartnerRole>> out) {
    if (remaining == 0) {
      out.add(List.copyOf(current));
      return;
    }
    PartnerRole[] roles = PartnerRole.values();
    for (int i = from; i < roles.length; i++) {
      current.add(roles[i]);
      collect(remaining - 1, i, current, out);
      current.remove(current.size() - 1);
    }
  }

  private static String camel(String constant) {
    return Stream.of(constant.split("_"))
        .map(part -> part.charAt(0) + part.substring(1).toLowerCase())
        .collect(Collectors.joining());
  }
}
