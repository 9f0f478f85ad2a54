package io.ensemble.support;

import static org.awaitility.Awaitility.await;

import io.ensemble.EnsembleApplication;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Ensemble as an operator runs it: {@code io.ensemble.EnsembleApplication} in a JVM of its own (the test
 * classpath without the test classes and their test configuration), on a port of its own, logging to a file.
 * It can be killed ({@code kill -9}) or stopped ({@code SIGTERM}) at any moment.
 *
 * <p>Register {@link Cleanup} as an extension: every node a test started is destroyed after it, passed or failed
 * (and, should the test JVM itself be stopped, by a shutdown hook).
 */
public final class EnsembleNode implements AutoCloseable {

  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
  }

  private final String name;
  private final int port;
  private final Path log;
  private final Process process;

  private EnsembleNode(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /** Starts a node; {@code arguments} are Spring Boot command-line properties ({@code --ensemble.x=y}). */
  public static EnsembleNode start(String name, int port, Path logDirectory, List<String> arguments) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
        "-cp", applicationClasspath(), EnsembleApplication.class.getName(),
        "--server.port=" + port));
    command.addAll(arguments);
    Path log = logDirectory.resolve(name + ".log");
    try {
      Files.createDirectories(logDirectory);
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
      RUNNING.add(process);
      return new EnsembleNode(name, port, log, process);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name, e);
    }
  }

  /** The test's classpath minus the test classes: the application and its libraries, not the tests' settings. */
  private static String applicationClasspath() {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(classpath.split(File.pathSeparator))
        .filter(entry -> !entry.replace('\\', '/').endsWith("/test-classes"))
        .filter(entry -> !entry.isBlank())
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** A port nobody listens on now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the node answers ready (its job executor runs from then on). */
  public EnsembleNode awaitReady(Duration atMost) {
    await("node " + name + " ready (log " + log + ")").atMost(atMost).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          if (!process.isAlive()) {
            throw new IllegalStateException("node " + name + " exited with " + process.exitValue() + ":\n" + tail());
          }
          try {
            return get("/actuator/health/readiness", null).statusCode() == 200;
          } catch (UncheckedIOException notListeningYet) {
            return false;
          }
        });
    return this;
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public int port() {
    return port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** {@code kill -9}: no shutdown hook, no flush, nothing. */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(10));
  }

  /** {@code SIGTERM}, as a platform stopping a container does; returns how long the node took to exit. */
  public Duration terminate(Duration atMost) {
    long started = System.nanoTime();
    process.destroy();
    if (!waitFor(atMost)) {
      throw new AssertionError("node " + name + " did not exit within " + atMost + ":\n" + tail());
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private boolean waitFor(Duration atMost) {
    try {
      boolean exited = process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
      if (exited) {
        RUNNING.remove(process);
      }
      return exited;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public int exitValue() {
    return process.exitValue();
  }

  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String tail() {
    String all = log();
    return all.length() <= 6000 ? all : all.substring(all.length() - 6000);
  }

  public HttpResponse<String> get(String path, String user) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET(), user);
  }

  public HttpResponse<String> postJson(String path, String user, String body) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)), user);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request, String user) {
    if (user != null) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(10));
    }
    RUNNING.remove(process);
  }

  @Override
  public String toString() {
    return name + "@" + port;
  }

  /** Destroys every node still running after each test, whatever its outcome. */
  public static final class Cleanup implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
      RUNNING.forEach(process -> {
        process.destroyForcibly();
        try {
          process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      RUNNING.clear();
    }
  }
}
