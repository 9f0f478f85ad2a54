package io.ensemble.governance.item;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The governance office's figures, computed from the register: what is open (by kind and severity), what is
 * overdue now, and over a window (default 30 days) the share of items raised that breached an SLA, the time from
 * raising to closure (median and 90th percentile, nearest rank) and the escalations to the CIO.
 */
@Service
public class GovernanceKpis {

  public static final int DEFAULT_WINDOW_DAYS = 30;

  /** Median and 90th percentile of a set of durations in hours (null when the set is empty). */
  public record Percentiles(int count, BigDecimal medianHours, BigDecimal p90Hours) {}

  public record Kpis(Instant asOf, int windowDays, long open, Map<ItemKind, Map<ItemSeverity, Long>> openByKindAndSeverity,
      long overdue, long raisedInWindow, long breachedInWindow, BigDecimal slaBreachRate, Percentiles timeToResolve,
      long cioEscalations) {}

  private final GovernanceItemRepository items;

  GovernanceKpis(GovernanceItemRepository items) {
    this.items = items;
  }

  @Transactional(readOnly = true)
  public Kpis now(int windowDays) {
    return compute(items.findAll(), GovernanceRegister.now(), windowDays);
  }

  static Kpis compute(Collection<GovernanceItem> all, Instant now, int windowDays) {
    Instant from = now.minus(Duration.ofDays(windowDays));
    Map<ItemKind, Map<ItemSeverity, Long>> open = new LinkedHashMap<>();
    for (ItemKind kind : ItemKind.values()) {
      Map<ItemSeverity, Long> bySeverity = new LinkedHashMap<>();
      for (ItemSeverity severity : ItemSeverity.values()) {
        bySeverity.put(severity, 0L);
      }
      open.put(kind, bySeverity);
    }
    long openCount = 0;
    long overdue = 0;
    long raised = 0;
    long breached = 0;
    long cio = 0;
    List<Long> resolveSeconds = new java.util.ArrayList<>();
    for (GovernanceItem item : all) {
      if (item.getStatus().isOpen()) {
        openCount++;
        open.get(item.getKind()).merge(item.getSeverity(), 1L, Long::sum);
        if (item.isOverdue(now)) {
          overdue++;
        }
      }
      if (within(item.getRaisedAt(), from, now)) {
        raised++;
        if (item.isBreached()) {
          breached++;
        }
      }
      if (within(item.getClosedAt(), from, now)) {
        resolveSeconds.add(Duration.between(item.getRaisedAt(), item.getClosedAt()).toSeconds());
      }
      if (within(item.getResolutionBreachedAt(), from, now)) {
        cio++;
      }
    }
    BigDecimal rate = raised == 0 ? null
        : BigDecimal.valueOf(breached).divide(BigDecimal.valueOf(raised), 4, RoundingMode.HALF_UP);
    return new Kpis(now, windowDays, openCount, open, overdue, raised, breached, rate, percentiles(resolveSeconds), cio);
  }

  private static boolean within(Instant at, Instant from, Instant to) {
    return at != null && !at.isBefore(from) && !at.isAfter(to);
  }

  static Percentiles percentiles(List<Long> seconds) {
    if (seconds.isEmpty()) {
      return new Percentiles(0, null, null);
    }
    List<Long> sorted = seconds.stream().sorted().toList();
    return new Percentiles(sorted.size(), hours(nearestRank(sorted, 50)), hours(nearestRank(sorted, 90)));
  }

  /** The smallest value with at least p % of the values at or below it. */
  static long nearestRank(List<Long> sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }

  private static BigDecimal hours(long seconds) {
    return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
  }
}
