package io.ensemble.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code pricing-model} evaluated through the engine's REST API as finance ({@code fiona}), cycling the 108 inputs. */
final class RestDecisionLoad {

  record Result(int clients, int evaluations, int errors, double perSecond, double p50Millis, double p99Millis) {}

  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  RestDecisionLoad(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  Result run(int clients, Duration window) throws InterruptedException {
    List<String> bodies = DecisionThroughput.inputs().stream().map(RestDecisionLoad::body).toList();
    Latencies latencies = new Latencies();
    AtomicInteger evaluations = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch done = new CountDownLatch(clients);
    long began = System.nanoTime();
    long until = began + window.toNanos();
    String authorization = "Basic " + Base64.getEncoder().encodeToString("fiona:fiona".getBytes(StandardCharsets.UTF_8));
    for (int c = 0; c < clients; c++) {
      int offset = c;
      pool.execute(() -> {
        try {
          for (int i = offset; System.nanoTime() < until; i++) {
            HttpRequest request = HttpRequest.newBuilder(
                    URI.create(baseUrl + "/engine-rest/decision-definition/key/pricing-model/evaluate"))
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size()))).build();
            long sent = System.nanoTime();
            try {
              int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
              latencies.add(System.nanoTime() - sent);
              (status == 200 ? evaluations : errors).incrementAndGet();
            } catch (IOException e) {
              errors.incrementAndGet();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
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
    double seconds = (System.nanoTime() - began) / 1e9;
    return new Result(clients, evaluations.get(), errors.get(), evaluations.get() / seconds,
        latencies.percentileMillis(50), latencies.percentileMillis(99));
  }

  private static String body(Map<String, Object> inputs) {
    StringBuilder json = new StringBuilder("{\"variables\": {");
    inputs.forEach((name, value) -> {
      if (json.charAt(json.length() - 1) != '{') {
        json.append(", ");
      }
      String type = value instanceof Boolean ? "Boolean" : value instanceof Integer ? "Integer" : "String";
      String literal = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
      json.append('"').append(name).append("\": {\"value\": ").append(literal).append(", \"type\": \"")
          .append(type).append("\"}");
    });
    return json.append("}}").toString();
  }
}
