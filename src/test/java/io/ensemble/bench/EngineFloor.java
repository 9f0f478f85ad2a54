package io.ensemble.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The engine's own floor, on the application's engine (same configuration, history level, pool and job
 * executor): start → end (one save point), and start → async no-op → end (two save points: the start and the
 * job), started through the Java API by a few threads.
 */
final class EngineFloor {

  static final String STRAIGHT = "bench-floor-straight";
  static final String ASYNC = "bench-floor-async";

  /** Rates in instances per second; CPU in milliseconds per instance (this JVM and the database server). */
  record Result(double straightPerSecond, double asyncPerSecond, double straightCpuMillis, double asyncCpuMillis) {

    /** CPU milliseconds of one save point: the async process has two per instance. */
    double cpuPerSavePointMillis() {
      return asyncCpuMillis / 2;
    }

    /** Milliseconds of one save point: the async process has two per instance. */
    double costPerSavePointMillis() {
      return 1000.0 / asyncPerSecond / 2;
    }

    /** Milliseconds a job (one save point more) adds to the straight process. */
    double marginalSavePointMillis() {
      return 1000.0 / asyncPerSecond - 1000.0 / straightPerSecond;
    }
  }

  private final ProcessEngine engine;

  EngineFloor(ProcessEngine engine) {
    this.engine = engine;
  }

  void deploy() {
    BpmnModelInstance straight = Bpmn.createExecutableProcess(STRAIGHT).camundaHistoryTimeToLive(1)
        .startEvent().endEvent().done();
    BpmnModelInstance async = Bpmn.createExecutableProcess(ASYNC).camundaHistoryTimeToLive(1)
        .startEvent().serviceTask("Task_NoOp").camundaAsyncBefore().camundaExpression("${true}").endEvent().done();
    engine.getRepositoryService().createDeployment().name("bench-floor")
        .addModelInstance(STRAIGHT + ".bpmn", straight).addModelInstance(ASYNC + ".bpmn", async).deploy();
  }

  Result measure(int threads, Duration window, LongSupplier cpuNanos) throws InterruptedException {
    startAll(STRAIGHT, threads, Duration.ofSeconds(2));
    long cpu = cpuNanos.getAsLong();
    long straightStarted = startAll(STRAIGHT, threads, window);
    double straightCpu = (cpuNanos.getAsLong() - cpu) / 1e6 / straightStarted;
    double straight = straightStarted / seconds(window);
    startAll(ASYNC, threads, Duration.ofSeconds(2));
    awaitEnded(ASYNC, Duration.ofSeconds(120));
    long began = System.nanoTime();
    cpu = cpuNanos.getAsLong();
    long started = startAll(ASYNC, threads, window);
    awaitEnded(ASYNC, Duration.ofSeconds(120));
    double asyncCpu = (cpuNanos.getAsLong() - cpu) / 1e6 / started;
    double async = started / ((System.nanoTime() - began) / 1e9);
    return new Result(straight, async, straightCpu, asyncCpu);
  }

  private long startAll(String key, int threads, Duration window) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicLong started = new AtomicLong();
    long until = System.nanoTime() + window.toNanos();
    CountDownLatch done = new CountDownLatch(threads);
    for (int i = 0; i < threads; i++) {
      pool.execute(() -> {
        try {
          while (System.nanoTime() < until) {
            engine.getRuntimeService().startProcessInstanceByKey(key);
            started.incrementAndGet();
          }
        } finally {
          done.countDown();
        }
      });
    }
    done.await();
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    return started.get();
  }

  private void awaitEnded(String key, Duration atMost) throws InterruptedException {
    long until = System.nanoTime() + atMost.toNanos();
    while (engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(key).count() > 0) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException(key + " instances did not end within " + atMost);
      }
      Thread.sleep(20); // polling the database, not waiting for the engine to do something in particular
    }
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
