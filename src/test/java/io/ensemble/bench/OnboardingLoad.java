package io.ensemble.bench;

import io.ensemble.support.StraightThroughOnboarding;
import io.ensemble.support.StraightThroughOnboarding.Started;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * Straight-through onboardings over HTTP: {@code clients} threads start onboardings back to back for the window
 * (start latency measured per request), then the level waits until every started onboarding has ended.
 * Completed per second = onboardings completed / (first start → last end).
 */
final class OnboardingLoad {

  /** {@code cpuMillisPerOnboarding}: this JVM (the load's HTTP client included) and the database server. */
  record Level(int clients, int started, int errors, double p50Millis, double p99Millis, double completedPerSecond,
      double seconds, double cpuMillisPerOnboarding, List<String> problems) {}

  private final ProcessEngine engine;
  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final AtomicInteger partners = new AtomicInteger();

  private final LongSupplier cpuNanos;

  OnboardingLoad(ProcessEngine engine, String baseUrl, LongSupplier cpuNanos) {
    this.engine = engine;
    this.baseUrl = baseUrl;
    this.cpuNanos = cpuNanos;
  }

  Level run(int clients, Duration window, int maxStarts, Duration drainAtMost) throws InterruptedException {
    Latencies latencies = new Latencies();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicInteger started = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch done = new CountDownLatch(clients);
    long cpu = cpuNanos.getAsLong();
    long began = System.nanoTime();
    long until = began + window.toNanos();
    for (int i = 0; i < clients; i++) {
      pool.execute(() -> {
        try {
          while (System.nanoTime() < until && started.get() < maxStarts) {
            Started answer = StraightThroughOnboarding.start(http, baseUrl, "bench-" + partners.incrementAndGet());
            latencies.add(answer.nanos());
            if (answer.ok()) {
              started.incrementAndGet();
            } else {
              errors.incrementAndGet();
              if (problems.size() < 5) {
                problems.add(answer.status() + " " + answer.problem());
              }
            }
          }
        } finally {
          done.countDown();
        }
      });
    }
    done.await();
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    awaitAllEnded(drainAtMost);
    double seconds = (System.nanoTime() - began) / 1e9;
    double cpuMillis = (cpuNanos.getAsLong() - cpu) / 1e6 / Math.max(1, started.get());
    return new Level(clients, started.get(), errors.get(), latencies.percentileMillis(50),
        latencies.percentileMillis(99), started.get() / seconds, seconds, cpuMillis, List.copyOf(problems));
  }

  /** Running onboardings left (none, once every started one reached its end). */
  long running() {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("partner-onboarding").count();
  }

  private void awaitAllEnded(Duration atMost) throws InterruptedException {
    long until = System.nanoTime() + atMost.toNanos();
    while (running() > 0) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException(running() + " onboardings did not end within " + atMost);
      }
      Thread.sleep(20); // polling the database
    }
  }
}
