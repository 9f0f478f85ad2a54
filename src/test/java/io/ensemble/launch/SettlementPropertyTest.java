package io.ensemble.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.launch.Settlement.Claim;
import io.ensemble.launch.Settlement.Payout;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Settlement statements pay out the period's revenue to the cent, whatever the line-up, revenue and outcomes. */
class SettlementPropertyTest {

  private static final long SEED = 20261202L;

  @Test
  void everyStatementSumsExactlyToTheRevenue() {
    Random random = new Random(SEED);
    for (int run = 0; run < 20_000; run++) {
      int partners = 1 + random.nextInt(RevenueShareService.MAX_PARTNERS);
      List<ShareAllocation.Claim> weights = new ArrayList<>();
      for (int i = 0; i < partners; i++) {
        weights.add(new ShareAllocation.Claim("p" + i, random.nextInt(40)));
      }
      if (weights.stream().allMatch(c -> c.weight() == 0)) {
        weights.set(0, new ShareAllocation.Claim("p0", 1));
      }
      List<Claim> claims = new ArrayList<>();
      for (ShareAllocation.Allocation share : ShareAllocation.largestRemainder(weights)) {
        boolean outcomeSla = random.nextBoolean();
        claims.add(new Claim(share.partnerKey(), share.basisPoints(), outcomeSla ? random.nextInt(41) : 0,
            outcomeSla ? BigDecimal.valueOf(random.nextInt(25_001), 2) : null,
            random.nextInt(10) < 7 ? 0 : random.nextInt(15)));
      }
      BigDecimal revenue = BigDecimal.valueOf(random.nextInt(4) == 0 ? random.nextInt(1_000)
          : Math.abs(random.nextLong() % 100_000_000_000L), 2);

      List<Payout> payouts = Settlement.payouts(revenue, claims);

      String at = "run " + run + ": revenue " + revenue + ", claims " + claims;
      assertThat(payouts.stream().map(Payout::amount).reduce(BigDecimal.ZERO, BigDecimal::add)).as(at)
          .isEqualByComparingTo(revenue);
      assertThat(payouts).as(at).allSatisfy(p -> {
        assertThat(p.amount().signum()).isNotNegative();
        assertThat(p.amount().scale()).isEqualTo(2);
      });
      assertThat(payouts).extracting(Payout::partnerKey).as(at)
          .containsExactlyElementsOf(claims.stream().map(Claim::partnerKey).toList());
    }
  }

  @Test
  void theOutcomeBandMovesASharePerRuleAndABreachCostsFivePercent() {
    assertThat(Settlement.weight(new Claim("a", 5000, 20, new BigDecimal("120"), 0))).isEqualByComparingTo("6000");
    assertThat(Settlement.weight(new Claim("a", 5000, 20, new BigDecimal("150"), 0))).isEqualByComparingTo("6000");
    assertThat(Settlement.weight(new Claim("a", 5000, 20, new BigDecimal("90"), 0))).isEqualByComparingTo("4500");
    assertThat(Settlement.weight(new Claim("a", 5000, 20, new BigDecimal("10"), 0))).isEqualByComparingTo("4000");
    assertThat(Settlement.weight(new Claim("a", 5000, 20, null, 1))).isEqualByComparingTo("4750");
    assertThat(Settlement.weight(new Claim("a", 5000, 0, new BigDecimal("150"), 20))).isEqualByComparingTo("2500");
  }

  @Test
  void equalClaimsShareTheOddCentByPartnerKey() {
    List<Payout> payouts = Settlement.payouts(new BigDecimal("100.00"), List.of(
        new Claim("b", 3334, 0, null, 0), new Claim("a", 3333, 0, null, 0), new Claim("c", 3333, 0, null, 0)));
    assertThat(payouts).extracting(Payout::amount).containsExactly(new BigDecimal("33.34"), new BigDecimal("33.33"),
        new BigDecimal("33.33"));
    assertThat(Settlement.payouts(new BigDecimal("0.01"), List.of(new Claim("b", 5000, 0, null, 0),
        new Claim("a", 5000, 0, null, 0)))).extracting(Payout::amount)
        .containsExactly(new BigDecimal("0.00"), new BigDecimal("0.01"));
  }
}
