package io.ensemble.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;

/**
 * The {@code pricing-model} table on the standalone DMN engine, one thread, cycling through 108 input
 * combinations (4 goals x 3 usage predictabilities x 3 segments x 3 partner counts; measurable and data product
 * alternate), as the issue measured it.
 */
final class DecisionThroughput {

  private DecisionThroughput() {}

  static List<Map<String, Object>> inputs() {
    List<Map<String, Object>> inputs = new ArrayList<>();
    int i = 0;
    for (String goal : List.of("NEW_REVENUE", "CHURN_REDUCTION", "TIME_TO_MARKET", "COST_EFFICIENCY")) {
      for (String predictability : List.of("LOW", "MEDIUM", "HIGH")) {
        for (String segment : List.of("SMB", "MIDMARKET", "ENTERPRISE")) {
          for (int partners : List.of(1, 2, 3)) {
            inputs.add(Map.of("goalMetric", goal, "outcomeMeasurable", i % 2 == 0, "usagePredictability",
                predictability, "partnerCount", partners, "customerSegment", segment, "dataProduct", i % 7 == 0));
            i++;
          }
        }
      }
    }
    return inputs;
  }

  /** Evaluations per second of wall-clock time, and per second of the evaluating thread's CPU time. */
  record Rate(double perSecond, double perCpuSecond) {}

  /** Evaluations per second after a warm-up, with the given FEEL engine (null: Camunda's default). */
  static Rate evaluationsPerSecond(FeelEngineFactory feel, long warmUpMillis, long measureMillis) {
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    if (feel != null) {
      configuration.feelEngineFactory(feel);
    }
    DmnEngine engine = configuration.buildEngine();
    DmnDecision decision;
    try (InputStream in = Files.newInputStream(Path.of("dmn", "pricing-model.dmn"))) {
      decision = engine.parseDecision("pricing-model", in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    List<Map<String, Object>> inputs = inputs();
    // warm up by time and by count: on a busy machine the JIT compiler threads wait for a core as well
    long warmUpUntil = System.nanoTime() + 20_000_000_000L;
    for (long warmed = 0; warmed < 50_000 && System.nanoTime() < warmUpUntil; ) {
      warmed += run(engine, decision, inputs, 500);
    }
    run(engine, decision, inputs, warmUpMillis);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long started = System.nanoTime();
    long evaluations = run(engine, decision, inputs, measureMillis);
    return new Rate(evaluations / ((System.nanoTime() - started) / 1e9),
        evaluations / ((threads.getCurrentThreadCpuTime() - cpu) / 1e9));
  }

  private static long run(DmnEngine engine, DmnDecision decision, List<Map<String, Object>> inputs, long millis) {
    long until = System.nanoTime() + millis * 1_000_000;
    long evaluations = 0;
    while (System.nanoTime() < until) {
      for (int i = 0; i < 100; i++) {
        if (engine.evaluateDecisionTable(decision, inputs.get((int) (evaluations % inputs.size())))
            .getSingleResult() == null) {
          throw new IllegalStateException("pricing-model gave no answer");
        }
        evaluations++;
      }
    }
    return evaluations;
  }
}
