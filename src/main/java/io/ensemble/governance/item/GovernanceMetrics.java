package io.ensemble.governance.item;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The governance KPIs as Prometheus gauges (30-day window), labelled only by kind, severity and quantile: no item
 * titles, partner keys or people in labels. One register read serves all gauges of a scrape (cached for 10 s).
 */
@Component
class GovernanceMetrics implements MeterBinder {

  private static final Duration FRESH_FOR = Duration.ofSeconds(10);

  private final GovernanceKpis kpis;
  private GovernanceKpis.Kpis last;
  private long lastAt;

  GovernanceMetrics(GovernanceKpis kpis) {
    this.kpis = kpis;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (ItemKind kind : ItemKind.values()) {
      for (ItemSeverity severity : ItemSeverity.values()) {
        gauge(registry, "ensemble.governance.items.open", "Open governance items",
            k -> k.openByKindAndSeverity().get(kind).get(severity))
            .tag("kind", kind.name()).tag("severity", severity.name()).register(registry);
      }
    }
    gauge(registry, "ensemble.governance.items.overdue", "Open governance items past their due date now",
        GovernanceKpis.Kpis::overdue).register(registry);
    gauge(registry, "ensemble.governance.sla.breach.rate",
        "Share of the items raised in the last 30 days that breached an SLA", k -> number(k.slaBreachRate()))
        .register(registry);
    gauge(registry, "ensemble.governance.time.to.resolve.hours",
        "Hours from raising to closure of the items closed in the last 30 days",
        k -> number(k.timeToResolve().medianHours())).tag("quantile", "0.5").register(registry);
    gauge(registry, "ensemble.governance.time.to.resolve.hours",
        "Hours from raising to closure of the items closed in the last 30 days",
        k -> number(k.timeToResolve().p90Hours())).tag("quantile", "0.9").register(registry);
    gauge(registry, "ensemble.governance.cio.escalations", "Items escalated to the CIO in the last 30 days",
        GovernanceKpis.Kpis::cioEscalations).register(registry);
  }

  private Gauge.Builder<GovernanceMetrics> gauge(MeterRegistry registry, String name, String description,
      ToDoubleFunction<GovernanceKpis.Kpis> figure) {
    return Gauge.builder(name, this, metrics -> figure.applyAsDouble(metrics.current())).description(description);
  }

  private synchronized GovernanceKpis.Kpis current() {
    long now = System.nanoTime();
    if (last == null || now - lastAt > FRESH_FOR.toNanos()) {
      last = kpis.now(GovernanceKpis.DEFAULT_WINDOW_DAYS);
      lastAt = now;
    }
    return last;
  }

  private static double number(BigDecimal value) {
    return value == null ? Double.NaN : value.doubleValue();
  }
}
