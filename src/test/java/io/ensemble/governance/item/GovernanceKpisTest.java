package io.ensemble.governance.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The KPI figures on a known set of items: known breaches, known times to resolve, a 30-day window. */
class GovernanceKpisTest {

  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  static GovernanceItem item(ItemKind kind, ItemSeverity severity, Instant raisedAt, Duration respond, Duration resolve) {
    return new GovernanceItem(new RaiseRequest(kind, severity, "t", null, null, null, null, null),
        Raiser.person("u", List.of()), raisedAt, raisedAt.plus(respond), raisedAt.plus(resolve));
  }

  static GovernanceItem closed(Instant raisedAt, Duration after) {
    GovernanceItem item = item(ItemKind.CUSTOMER_ISSUE, ItemSeverity.HIGH, raisedAt, Duration.ofHours(8),
        Duration.ofDays(30));
    item.triage(ItemKind.CUSTOMER_ISSUE, ItemSeverity.HIGH, "security", raisedAt.plus(Duration.ofDays(30)), raisedAt);
    item.resolve("done", raisedAt.plus(after));
    item.close(raisedAt.plus(after));
    return item;
  }

  /** The seeded register; every figure below is counted by hand from it. */
  static List<GovernanceItem> seeded() {
    List<GovernanceItem> items = new ArrayList<>();
    // closed in the window after 10, 20, 30, 40 and 50 hours; the 50-hour one breached its resolution (CIO)
    for (int hours = 10; hours <= 40; hours += 10) {
      items.add(closed(NOW.minus(Duration.ofDays(5)), Duration.ofHours(hours)));
    }
    GovernanceItem late = closed(NOW.minus(Duration.ofDays(6)), Duration.ofHours(50));
    late.resolutionBreached(NOW.minus(Duration.ofDays(4)));
    items.add(late);
    // open, not yet triaged, response overdue and breached: RISK HIGH
    GovernanceItem unanswered = item(ItemKind.RISK, ItemSeverity.HIGH, NOW.minus(Duration.ofDays(2)),
        Duration.ofHours(24), Duration.ofDays(7));
    unanswered.responseBreached(NOW.minus(Duration.ofDays(1)));
    items.add(unanswered);
    // open, triaged, on time: RISK HIGH and CUSTOMER_ISSUE CRITICAL
    GovernanceItem onTime = item(ItemKind.RISK, ItemSeverity.HIGH, NOW.minus(Duration.ofHours(1)),
        Duration.ofHours(24), Duration.ofDays(7));
    items.add(onTime);
    GovernanceItem critical = item(ItemKind.CUSTOMER_ISSUE, ItemSeverity.CRITICAL, NOW.minus(Duration.ofHours(2)),
        Duration.ofHours(4), Duration.ofHours(24));
    critical.triage(ItemKind.CUSTOMER_ISSUE, ItemSeverity.CRITICAL, "legal", NOW.plus(Duration.ofHours(22)),
        NOW.minus(Duration.ofHours(1)));
    items.add(critical);
    // open, handed back, resolution overdue (no timer fired yet): TIMELINE LOW
    GovernanceItem handedBack = item(ItemKind.TIMELINE, ItemSeverity.LOW, NOW.minus(Duration.ofDays(12)),
        Duration.ofHours(48), Duration.ofDays(10));
    handedBack.triage(ItemKind.TIMELINE, ItemSeverity.LOW, "sales", NOW.minus(Duration.ofDays(2)),
        NOW.minus(Duration.ofDays(11)));
    handedBack.handBack();
    items.add(handedBack);
    // outside the window: raised 40 days ago, closed 35 days ago after breaching (counts for nothing but history)
    GovernanceItem old = closed(NOW.minus(Duration.ofDays(40)), Duration.ofDays(5));
    old.resolutionBreached(NOW.minus(Duration.ofDays(36)));
    items.add(old);
    return items;
  }

  @Test
  void figuresOfTheSeededRegister() {
    GovernanceKpis.Kpis kpis = GovernanceKpis.compute(seeded(), NOW, 30);

    assertThat(kpis.open()).isEqualTo(4);
    assertThat(kpis.openByKindAndSeverity().get(ItemKind.RISK).get(ItemSeverity.HIGH)).isEqualTo(2);
    assertThat(kpis.openByKindAndSeverity().get(ItemKind.CUSTOMER_ISSUE).get(ItemSeverity.CRITICAL)).isEqualTo(1);
    assertThat(kpis.openByKindAndSeverity().get(ItemKind.TIMELINE).get(ItemSeverity.LOW)).isEqualTo(1);
    assertThat(kpis.openByKindAndSeverity().get(ItemKind.ESCALATION).values()).containsOnly(0L);
    assertThat(kpis.overdue()).isEqualTo(2); // the unanswered risk and the handed-back slip
    // raised in the window: 5 closed + 4 open = 9; breached among them: the late one and the unanswered one
    assertThat(kpis.raisedInWindow()).isEqualTo(9);
    assertThat(kpis.breachedInWindow()).isEqualTo(2);
    assertThat(kpis.slaBreachRate()).isEqualByComparingTo(new BigDecimal("0.2222"));
    // closed in the window after 10, 20, 30, 40, 50 h: nearest-rank median 30 h, 90th percentile 50 h
    assertThat(kpis.timeToResolve().count()).isEqualTo(5);
    assertThat(kpis.timeToResolve().medianHours()).isEqualByComparingTo("30.00");
    assertThat(kpis.timeToResolve().p90Hours()).isEqualByComparingTo("50.00");
    assertThat(kpis.cioEscalations()).isEqualTo(1);
  }

  @Test
  void aShorterWindowSeesLess() {
    GovernanceKpis.Kpis kpis = GovernanceKpis.compute(seeded(), NOW, 3);

    assertThat(kpis.raisedInWindow()).isEqualTo(3); // the unanswered, the on-time and the critical one
    assertThat(kpis.slaBreachRate()).isEqualByComparingTo(new BigDecimal("0.3333"));
    assertThat(kpis.timeToResolve().count()).isZero();
    assertThat(kpis.timeToResolve().medianHours()).isNull();
    assertThat(kpis.cioEscalations()).isZero();
    assertThat(kpis.open()).isEqualTo(4);
  }

  @Test
  void anEmptyRegisterHasNoRateRatherThanZero() {
    GovernanceKpis.Kpis kpis = GovernanceKpis.compute(List.of(), NOW, 30);
    assertThat(kpis.slaBreachRate()).isNull();
    assertThat(kpis.open()).isZero();
  }

  @Test
  void nearestRankPercentiles() {
    assertThat(GovernanceKpis.nearestRank(List.of(1L), 90)).isEqualTo(1);
    assertThat(GovernanceKpis.nearestRank(List.of(1L, 2L, 3L, 4L), 50)).isEqualTo(2);
    assertThat(GovernanceKpis.nearestRank(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), 90)).isEqualTo(9);
  }
}
