package io.ensemble.launch;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One settlement period's payouts: the period's revenue is the pool, each partner's share of it is its decided
 * share (basis points) moved by the outcome SLA and by its SLA breaches, and the pool is paid out to the cent.
 * <ul>
 *   <li>Outcome band (outcome-based offers): at 100 % of the outcome target the share is unchanged; it moves
 *   linearly with attainment between 80 % and 120 % of target, up to its band ({@code slaBandPercent} of the share)
 *   above target and down to it below.</li>
 *   <li>SLA breaches cost the breaching partner {@value #BREACH_PENALTY_PERCENT} % of its share each, at most
 *   {@value #MAX_BREACH_PENALTY_PERCENT} %; what it loses goes to the other partners in proportion.</li>
 *   <li>Cents: every partner first gets the whole cents its weight earns; the few left over go one each to the
 *   largest remainders (ties: larger weight, then partner key), so the payouts sum exactly to the revenue.</li>
 * </ul>
 */
final class Settlement {

  static final int BREACH_PENALTY_PERCENT = 5;
  static final int MAX_BREACH_PENALTY_PERCENT = 50;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal BAND_SPAN = BigDecimal.valueOf(20);
  private static final int WEIGHT_SCALE = 6;

  /** One partner's claim on the pool: its decided share, band, attainment (null: no outcome SLA) and breaches. */
  record Claim(String partnerKey, int basisPoints, int slaBandPercent, BigDecimal attainmentPercent,
      int slaBreaches) {}

  record Payout(String partnerKey, BigDecimal adjustedWeight, BigDecimal amount) {}

  private Settlement() {}

  /** Payouts in the order of the claims; they sum exactly to {@code revenue}. */
  static List<Payout> payouts(BigDecimal revenue, List<Claim> claims) {
    if (revenue == null || revenue.signum() < 0 || revenue.scale() > 2) {
      throw new IllegalArgumentException("revenue must be a non-negative amount in cents: " + revenue);
    }
    if (claims.isEmpty()) {
      throw new IllegalArgumentException("no partner to pay");
    }
    List<BigDecimal> weights = claims.stream().map(Settlement::weight).toList();
    if (weights.stream().allMatch(w -> w.signum() == 0)) {
      weights = claims.stream().map(c -> BigDecimal.ONE.setScale(WEIGHT_SCALE)).toList();
    }
    BigInteger totalCents = revenue.movePointRight(2).toBigIntegerExact();
    BigInteger totalWeight = weights.stream().map(w -> w.unscaledValue()).reduce(BigInteger.ZERO, BigInteger::add);
    BigInteger[] cents = new BigInteger[claims.size()];
    BigInteger[] remainders = new BigInteger[claims.size()];
    BigInteger allocated = BigInteger.ZERO;
    for (int i = 0; i < claims.size(); i++) {
      BigInteger[] division = totalCents.multiply(weights.get(i).unscaledValue()).divideAndRemainder(totalWeight);
      cents[i] = division[0];
      remainders[i] = division[1];
      allocated = allocated.add(cents[i]);
    }
    List<Integer> byRemainder = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      byRemainder.add(i);
    }
    List<BigDecimal> w = weights;
    byRemainder.sort(Comparator.<Integer, BigInteger>comparing(i -> remainders[i]).reversed()
        .thenComparing(i -> w.get(i), Comparator.reverseOrder())
        .thenComparing(i -> claims.get(i).partnerKey()));
    int left = totalCents.subtract(allocated).intValueExact();
    for (int k = 0; k < left; k++) {
      int i = byRemainder.get(k);
      cents[i] = cents[i].add(BigInteger.ONE);
    }
    List<Payout> payouts = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      payouts.add(new Payout(claims.get(i).partnerKey(), weights.get(i), new BigDecimal(cents[i], 2)));
    }
    return payouts;
  }

  /** The share's weight after the outcome band and the SLA breaches, at 6 decimals. */
  static BigDecimal weight(Claim claim) {
    BigDecimal factor = BigDecimal.ONE;
    if (claim.attainmentPercent() != null && claim.slaBandPercent() > 0) {
      BigDecimal position = claim.attainmentPercent().subtract(HUNDRED).divide(BAND_SPAN, 10, RoundingMode.HALF_EVEN)
          .max(BigDecimal.ONE.negate()).min(BigDecimal.ONE);
      factor = factor.add(position.multiply(BigDecimal.valueOf(claim.slaBandPercent())).divide(HUNDRED));
    }
    int breachPenalty = Math.min(Math.max(claim.slaBreaches(), 0) * BREACH_PENALTY_PERCENT, MAX_BREACH_PENALTY_PERCENT);
    factor = factor.multiply(BigDecimal.valueOf(100 - breachPenalty)).divide(HUNDRED);
    return BigDecimal.valueOf(claim.basisPoints()).multiply(factor).setScale(WEIGHT_SCALE, RoundingMode.HALF_EVEN);
  }
}
