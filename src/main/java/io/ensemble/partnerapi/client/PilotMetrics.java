package io.ensemble.partnerapi.client;

import java.util.List;

/** {@code GET /v1/pilots/{pilotId}/metrics}: the partner's KPIs against plan, open issues, SLA breaches. */
public record PilotMetrics(String pilotId, List<Kpi> kpis, int openIssues, int openCriticalIssues, int slaBreaches) {

  public PilotMetrics {
    kpis = kpis == null ? List.of() : List.copyOf(kpis);
  }

  public record Kpi(String name, double plan, double actual) {}
}
