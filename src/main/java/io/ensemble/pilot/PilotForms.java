package io.ensemble.pilot;

import io.ensemble.governance.item.GovernanceItem;
import io.ensemble.governance.item.ItemStatus;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** What the pilot's Camunda Forms show, as Markdown text read from the pilot tables. */
@Component
class PilotForms {

  private final PilotService pilots;
  private final PilotStore store;
  private final PilotItems items;

  PilotForms(PilotService pilots, PilotStore store, PilotItems items) {
    this.pilots = pilots;
    this.store = store;
    this.items = items;
  }

  String summary(PilotStore.Pilot pilot) {
    String lineUp = store.members(pilot.key()).stream().map(m -> m.partnerKey() + " (" + m.role() + ")")
        .collect(Collectors.joining(", "));
    return "**" + pilot.name() + "** (" + pilot.key() + "): " + lineUp + ". Lead integrator: "
        + pilot.leadIntegrator() + ". Service desk: " + pilot.serviceDeskQueue() + ". Time box "
        + pilot.startedAt().toString().substring(0, 10) + " to " + pilot.endsAt().toString().substring(0, 10) + ".";
  }

  String runbook(PilotStore.Pilot pilot) {
    StringBuilder text = new StringBuilder("Runbook " + pilot.runbookReference() + ":\n\n");
    List<String> steps = store.runbookSteps(pilot.key());
    for (int i = 0; i < steps.size(); i++) {
      text.append(i + 1).append(". ").append(steps.get(i)).append('\n');
    }
    return text.toString();
  }

  String figures(PilotStore.Pilot pilot, int checkpoint) {
    Aggregation figures = pilots.aggregate(pilot.key(), checkpoint);
    return "Checkpoint " + checkpoint + ": weighted KPI attainment **" + figures.attainment() + " %** of plan, **"
        + figures.openCriticalIssues() + "** open critical issues, **" + figures.slaBreaches() + "** SLA breaches"
        + (figures.missingPartners().isEmpty() ? "." : "; no metrics from " + String.join(", ",
        figures.missingPartners()) + ".") + "\n\n" + kpis(figures);
  }

  String checkpointHistory(PilotStore.Pilot pilot) {
    StringBuilder text = new StringBuilder("| Checkpoint | Due | Health | Reason | Attainment | Critical issues "
        + "| SLA breaches |\n|---|---|---|---|---|---|---|\n");
    for (PilotStore.Checkpoint c : store.checkpoints(pilot.key())) {
      text.append("| ").append(c.number()).append(" | ").append(c.dueAt().toString(), 0, 10).append(" | ")
          .append(c.health() == null ? "not rated" : c.health()).append(" | ")
          .append(c.reason() == null ? "" : c.reason()).append(" | ")
          .append(c.attainment() == null ? "" : c.attainment() + " %").append(" | ")
          .append(c.openCritical() == null ? "" : c.openCritical()).append(" | ")
          .append(c.slaBreaches() == null ? "" : c.slaBreaches()).append(" |\n");
    }
    return text.toString();
  }

  String kpiTable(PilotStore.Pilot pilot) {
    List<PilotStore.Checkpoint> rated = store.checkpoints(pilot.key()).stream().filter(c -> c.ratedAt() != null)
        .toList();
    if (rated.isEmpty()) {
      return "No checkpoint rated yet.";
    }
    return "At checkpoint " + rated.get(rated.size() - 1).number() + ":\n\n"
        + kpis(pilots.aggregate(pilot.key(), rated.get(rated.size() - 1).number()));
  }

  String openItems(PilotStore.Pilot pilot) {
    List<GovernanceItem> open = items.of(pilot.key(), pilots.partners(pilot.key())).stream()
        .filter(item -> item.getStatus() != ItemStatus.CLOSED).toList();
    if (open.isEmpty()) {
      return "No open governance items.";
    }
    return open.stream().map(item -> "- #" + item.getId() + " " + item.getKind().label() + " (" + item.getSeverity()
        + ", " + item.getStatus() + "): " + item.getTitle()).collect(Collectors.joining("\n"));
  }

  String extensionsLeft(PilotStore.Pilot pilot) {
    int left = pilots.extensionsLeft(pilot.key());
    return left == 0 ? "No extension left: decide go or no-go." : left + " extension(s) of one checkpoint interval "
        + "(" + pilot.checkpointInterval() + ") left.";
  }

  private static String kpis(Aggregation figures) {
    StringBuilder text = new StringBuilder("| KPI | Plan | Actual | Weight | Attainment |\n|---|---|---|---|---|\n");
    for (Aggregation.KpiAttainment kpi : figures.kpis()) {
      text.append("| ").append(kpi.name()).append(" | ").append(PilotService.number(kpi.plan())).append(" | ")
          .append(kpi.actual() == null ? "not reported" : PilotService.number(kpi.actual())).append(" | ")
          .append(PilotService.number(kpi.weight())).append(" | ").append(kpi.attainment()).append(" % |\n");
    }
    return text.toString();
  }
}
