package io.ensemble.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One run's figures, the targets they are held against, and the report in Markdown. */
record Results(DecisionThroughput.Rate decisions, DecisionThroughput.Rate decisionsCamundaFeel, EngineFloor.Result floor,
    List<OnboardingLoad.Level> levels, double savePointsPerOnboarding, long onboardings,
    DatabaseGrowth.Growth growth, CpuProfile.Summary profile, List<RestDecisionLoad.Result> restDecisions,
    double poolTimeouts, String historyLevel, int poolSize) {

  static final double TARGET_COMPLETED_PER_SECOND = 30;
  static final double TARGET_COST_RATIO = 1.25;
  static final double TARGET_P99_MILLIS = 50;
  static final double TARGET_DECISIONS_PER_SECOND = 100_000;
  static final double TARGET_HOTSPOT_PERCENT = 10;

  OnboardingLoad.Level best() {
    return levels.stream().max((a, b) -> Double.compare(a.completedPerSecond(), b.completedPerSecond())).orElseThrow();
  }

  /** The fewest clients beyond which throughput grows by less than 10 %. */
  OnboardingLoad.Level knee() {
    OnboardingLoad.Level knee = levels.get(0);
    for (OnboardingLoad.Level level : levels.subList(1, levels.size())) {
      if (level.completedPerSecond() < 1.10 * knee.completedPerSecond()) {
        break;
      }
      knee = level;
    }
    return knee;
  }

  /** The measured level closest to half the knee's clients (at least one client). */
  OnboardingLoad.Level halfKnee() {
    int half = Math.max(1, knee().clients() / 2);
    return levels.stream().min((a, b) -> Integer.compare(Math.abs(a.clients() - half), Math.abs(b.clients() - half)))
        .orElseThrow();
  }

  double onboardingCostPerSavePointMillis() {
    return 1000.0 / best().completedPerSecond() / savePointsPerOnboarding;
  }

  double costRatio() {
    return onboardingCostPerSavePointMillis() / floor.costPerSavePointMillis();
  }

  /** Onboardings/s the engine's floor would reach with the onboarding's save points. */
  double floorOnboardingsPerSecond() {
    return 1000.0 / (floor.costPerSavePointMillis() * savePointsPerOnboarding);
  }

  /** CPU milliseconds per onboarding over all levels (this JVM, its load generator included, and PostgreSQL). */
  double onboardingCpuMillis() {
    return levels.stream().mapToDouble(level -> level.cpuMillisPerOnboarding() * level.started()).sum()
        / Math.max(1, levels.stream().mapToInt(OnboardingLoad.Level::started).sum());
  }

  double onboardingCpuPerSavePointMillis() {
    return onboardingCpuMillis() / savePointsPerOnboarding;
  }

  double cpuCostRatio() {
    return onboardingCpuPerSavePointMillis() / floor.cpuPerSavePointMillis();
  }

  /** Onboardings/s these cores would complete if nothing else ran on them: cores / CPU per onboarding. */
  double cpuBoundCapacity() {
    return Machine.cores() * 1000.0 / onboardingCpuMillis();
  }

  double perThousand(long value) {
    return value * 1000.0 / Math.max(1, onboardings);
  }

  Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("historyLevel", historyLevel);
    map.put("connectionPoolSize", poolSize);
    map.put("decisions", Map.of("standalone", decisions, "standaloneWithCamundasFeelIntegration",
        decisionsCamundaFeel, "rest", restDecisions));
    map.put("engineFloor", floor);
    map.put("engineFloorCostPerSavePointMillis", Map.of("wallClock", round(floor.costPerSavePointMillis()),
        "cpu", round(floor.cpuPerSavePointMillis()), "marginalWallClock", round(floor.marginalSavePointMillis())));
    Map<String, Object> onboarding = new LinkedHashMap<>();
    onboarding.put("levels", levels);
    onboarding.put("savePointsPerOnboarding", round(savePointsPerOnboarding));
    onboarding.put("onboardingsMeasured", onboardings);
    onboarding.put("bestCompletedPerSecond", round(best().completedPerSecond()));
    onboarding.put("costPerSavePointMillis", Map.of("wallClock", round(onboardingCostPerSavePointMillis()),
        "cpu", round(onboardingCpuPerSavePointMillis())));
    onboarding.put("costRatioToFloor", Map.of("wallClock", round(costRatio()), "cpu", round(cpuCostRatio())));
    onboarding.put("cpuMillisPerOnboarding", round(onboardingCpuMillis()));
    onboarding.put("cpuBoundCapacityPerSecond", round(cpuBoundCapacity()));
    onboarding.put("kneeClients", knee().clients());
    onboarding.put("p99AtHalfKneeMillis", round(halfKnee().p99Millis()));
    onboarding.put("poolTimeouts", poolTimeouts);
    map.put("onboarding", onboarding);
    Map<String, Object> growthMap = new LinkedHashMap<>();
    growthMap.put("bytesPer1000Onboardings", Math.round(perThousand(growth.total())));
    for (String group : List.of("application", "runtime", "history-activity", "history-audit", "history-full")) {
      growthMap.put(group + "BytesPer1000", Math.round(perThousand(growth.bytes(group))));
    }
    growthMap.put("bytesPerTable", growth.bytesPerTable());
    growthMap.put("rowsPerTable", growth.rowsPerTable());
    map.put("databaseGrowth", growthMap);
    if (profile != null) {
      map.put("cpuProfile", profile);
    }
    map.put("targets", targets());
    return map;
  }

  Map<String, Boolean> targets() {
    Map<String, Boolean> targets = new LinkedHashMap<>();
    targets.put("completedPerSecond>=30", best().completedPerSecond() >= TARGET_COMPLETED_PER_SECOND);
    targets.put("costPerSavePoint<=1.25xFloor", costRatio() <= TARGET_COST_RATIO);
    targets.put("cpuCostPerSavePoint<=1.25xFloor", cpuCostRatio() <= TARGET_COST_RATIO);
    targets.put("startP99AtHalfKnee<=50ms", halfKnee().p99Millis() <= TARGET_P99_MILLIS);
    targets.put("decisions>=100000/s", decisions.perSecond() >= TARGET_DECISIONS_PER_SECOND);
    targets.put("decisions>=100000/cpu-s", decisions.perCpuSecond() >= TARGET_DECISIONS_PER_SECOND);
    targets.put("noHotspotOutsideEngine>10%", profile == null || profile.hottestOutsideEngine().percent() <= TARGET_HOTSPOT_PERCENT);
    targets.put("noErrors", levels.stream().allMatch(level -> level.errors() == 0));
    targets.put("noPoolTimeouts", poolTimeouts == 0);
    return targets;
  }

  String markdown(Map<String, Object> report) {
    StringBuilder md = new StringBuilder();
    Map<?, ?> machine = (Map<?, ?>) report.get("machine");
    md.append("# Ensemble benchmark\n\n");
    md.append(f("Run %s → %s on %s, %s cores, %s GiB, %s, %s, PostgreSQL %s (embedded, loopback). Load average "
            + "%s at the start, %s at the end (other work on the same cores). History level `%s`, %d pooled "
            + "connections.%n%n", report.get("startedAt"), report.get("finishedAt"), machine.get("cpu"),
        machine.get("cores"), machine.get("memoryGiB"), machine.get("os"), machine.get("java"),
        machine.get("postgresql"), machine.get("loadAverage1m"),
        ((Map<?, ?>) report.get("machineAtEnd")).get("loadAverage1m"), historyLevel, poolSize));
    md.append(f("The embedded server runs with fsync=%s and synchronous_commit=%s (the test library's defaults), so a "
            + "commit costs less than on a production server; both the engine's floor and the onboarding pay that "
            + "alike. Wall-clock rates fall with the machine's load; CPU milliseconds (this JVM, its load generator "
            + "included, plus the PostgreSQL server's processes) barely do, so costs are compared in both.%n%n",
        machine.get("postgresqlFsync"), machine.get("postgresqlSynchronousCommit")));
    md.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
    Map<String, Boolean> met = targets();
    md.append(f("| ≥ 30 completed onboardings/s | %.1f/s (%d clients); CPU-bound capacity of these %d cores if "
            + "nothing else ran: %.1f/s (%.1f CPU ms per onboarding) | %s |%n", best().completedPerSecond(),
        best().clients(), Machine.cores(), cpuBoundCapacity(), onboardingCpuMillis(),
        yes(met.get("completedPerSecond>=30"))));
    md.append(f("| cost per save point ≤ 1.25 × the engine's, wall clock | %.2f ms vs %.2f ms: %.2f × | %s |%n",
        onboardingCostPerSavePointMillis(), floor.costPerSavePointMillis(), costRatio(),
        yes(met.get("costPerSavePoint<=1.25xFloor"))));
    md.append(f("| cost per save point ≤ 1.25 × the engine's, CPU | %.2f ms vs %.2f ms: %.2f × | %s |%n",
        onboardingCpuPerSavePointMillis(), floor.cpuPerSavePointMillis(), cpuCostRatio(),
        yes(met.get("cpuCostPerSavePoint<=1.25xFloor"))));
    md.append(f("| REST start p99 ≤ 50 ms at half the knee | %.1f ms at %d clients (knee: %d clients) | %s |%n",
        halfKnee().p99Millis(), halfKnee().clients(), knee().clients(), yes(met.get("startP99AtHalfKnee<=50ms"))));
    md.append(f("| `pricing-model` ≥ 100,000 evaluations/s, standalone | %,.0f/s wall clock; %,.0f per CPU-second "
            + "of the evaluating thread | %s; per CPU-second %s |%n", decisions.perSecond(), decisions.perCpuSecond(),
        yes(met.get("decisions>=100000/s")), yes(met.get("decisions>=100000/cpu-s"))));
    if (profile != null) {
      md.append(f("| no hotspot outside the engine above 10 %% | %s: %.1f %% | %s |%n",
          profile.hottestOutsideEngine().method(), profile.hottestOutsideEngine().percent(),
          yes(met.get("noHotspotOutsideEngine>10%"))));
    }
    md.append(f("| 0 errors, 0 pool timeouts | %d errors, %.0f timeouts | %s |%n%n",
        levels.stream().mapToInt(OnboardingLoad.Level::errors).sum(), poolTimeouts,
        yes(met.get("noErrors") && met.get("noPoolTimeouts"))));

    md.append("## Engine floor (this application's engine configuration)\n\n");
    md.append(f("4 threads through the Java API. start → end %.0f/s (%.2f CPU ms each); start → async no-op → end "
            + "%.0f/s (%.2f CPU ms each): %.2f ms per save point (%.2f CPU ms; a job adds %.2f ms).%n%n",
        floor.straightPerSecond(), floor.straightCpuMillis(), floor.asyncPerSecond(), floor.asyncCpuMillis(),
        floor.costPerSavePointMillis(), floor.cpuPerSavePointMillis(), floor.marginalSavePointMillis()));

    md.append("## Straight-through onboarding over HTTP\n\n");
    md.append(f("LOW-risk partners, started by `amira` over REST, conformance and sandbox at the built-in sandbox "
        + "partner (its callback comes 500 ms after the request), activation. %.1f save points per onboarding "
        + "(the start, %.1f jobs, the callback). %d onboardings measured.%n%n", savePointsPerOnboarding,
        savePointsPerOnboarding - 2, onboardings));
    md.append("| clients | started | errors | start p50 | start p99 | completed/s | CPU ms per onboarding |\n"
        + "|---|---|---|---|---|---|---|\n");
    for (OnboardingLoad.Level level : levels) {
      md.append(f("| %d | %d | %d | %.1f ms | %.1f ms | %.1f | %.1f |%n", level.clients(), level.started(),
          level.errors(), level.p50Millis(), level.p99Millis(), level.completedPerSecond(),
          level.cpuMillisPerOnboarding()));
    }
    md.append(f("%nThe engine's floor for %.1f save points is %.1f onboardings/s. ![chart](chart.png)%n%n",
        savePointsPerOnboarding, floorOnboardingsPerSecond()));

    md.append("## Decisions\n\n");
    md.append(f("`pricing-model`, standalone DMN engine, one thread, 108 input combinations: %,.0f/s (%,.0f per "
            + "CPU-second) with Ensemble's FEEL engine, %,.0f/s (%,.0f per CPU-second) with Camunda's FEEL integration, "
            + "both on %s.%n%n", decisions.perSecond(), decisions.perCpuSecond(), decisionsCamundaFeel.perSecond(),
        decisionsCamundaFeel.perCpuSecond(), feelEngineJar()));
    md.append("Through REST (`POST /engine-rest/decision-definition/key/pricing-model/evaluate` as `fiona`):\n\n"
        + "| clients | evaluations/s | p50 | p99 | errors |\n|---|---|---|---|---|\n");
    for (RestDecisionLoad.Result rest : restDecisions) {
      md.append(f("| %d | %.0f | %.1f ms | %.1f ms | %d |%n", rest.clients(), rest.perSecond(), rest.p50Millis(),
          rest.p99Millis(), rest.errors()));
    }

    md.append("\n## Database growth per 1,000 onboardings\n\n");
    md.append(f("%,.0f kB in all, of which application tables %,.0f kB, runtime %,.0f kB, history: written from "
            + "level activity %,.0f kB, added by audit %,.0f kB, added by full %,.0f kB. At level `audit` the growth "
            + "would be about %,.0f kB, at `activity` about %,.0f kB (Ensemble needs at least `activity`: the "
            + "idempotency keys count completed activities). History cleanup removes it after each model's time to "
            + "live.%n%n",
        kb(growth.total()), kb(growth.bytes("application")), kb(growth.bytes("runtime")),
        kb(growth.bytes("history-activity")), kb(growth.bytes("history-audit")), kb(growth.bytes("history-full")),
        kb(growth.total() - growth.bytes("history-full")),
        kb(growth.total() - growth.bytes("history-full") - growth.bytes("history-audit"))));
    md.append("| table | kB per 1,000 | rows per 1,000 |\n|---|---|---|\n");
    growth.bytesPerTable().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> md.append(f("| %s | %,.0f | %,.0f |%n", e.getKey(), kb(e.getValue()),
            perThousand(growth.rowsPerTable().getOrDefault(e.getKey(), 0L)))));

    if (profile != null) {
      md.append(f("%n## CPU profile (JFR, %d samples, %s)%n%nBy area (innermost known frame): ", profile.samples(),
          profile.file()));
      profile.areas().forEach((area, share) -> md.append(f("%s %.1f %%; ", area, share)));
      md.append("\n\n| method (self time) | % of samples |\n|---|---|\n");
      profile.methods().forEach(hot -> md.append(f("| `%s` | %.1f |%n", hot.method(), hot.percent())));
    }
    return md.toString();
  }

  private static String feelEngineJar() {
    String location = org.camunda.feel.FeelEngine.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private double kb(long bytes) {
    return perThousand(bytes) / 1024.0;
  }

  private static String yes(Boolean met) {
    return Boolean.TRUE.equals(met) ? "yes" : "**no**";
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
