package io.ensemble.launch;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns weights into shares that sum to exactly 100.00 %: the largest-remainder (Hamilton) method on basis
 * points. Each partner first gets the whole basis points its weight earns; the few left over go one each to
 * the largest remainders. Ties go to the larger weight, then to the partner key in alphabetical order, so the
 * same line-up always gets the same shares whatever order it is listed in.
 */
final class ShareAllocation {

  static final int TOTAL_BASIS_POINTS = 10_000;

  record Claim(String partnerKey, int weight) {}

  record Allocation(String partnerKey, int weight, int basisPoints) {
    BigDecimal percent() {
      return BigDecimal.valueOf(basisPoints, 2);
    }
  }

  private ShareAllocation() {}

  /** Allocations in the order of the claims. */
  static List<Allocation> largestRemainder(List<Claim> claims) {
    long totalWeight = claims.stream().mapToLong(Claim::weight).sum();
    if (claims.isEmpty() || totalWeight <= 0 || claims.stream().anyMatch(c -> c.weight() < 0)) {
      throw new IllegalArgumentException("weights must be non-negative with a positive total: " + claims);
    }
    int[] points = new int[claims.size()];
    long[] remainders = new long[claims.size()];
    int allocated = 0;
    for (int i = 0; i < claims.size(); i++) {
      long scaled = (long) claims.get(i).weight() * TOTAL_BASIS_POINTS;
      points[i] = (int) (scaled / totalWeight);
      remainders[i] = scaled % totalWeight;
      allocated += points[i];
    }
    List<Integer> byRemainder = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      byRemainder.add(i);
    }
    byRemainder.sort(Comparator.<Integer>comparingLong(i -> remainders[i]).reversed()
        .thenComparing(i -> claims.get(i).weight(), Comparator.reverseOrder())
        .thenComparing(i -> claims.get(i).partnerKey()));
    for (int k = 0; k < TOTAL_BASIS_POINTS - allocated; k++) {
      points[byRemainder.get(k)]++;
    }
    List<Allocation> allocations = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      allocations.add(new Allocation(claims.get(i).partnerKey(), claims.get(i).weight(), points[i]));
    }
    return allocations;
  }
}
