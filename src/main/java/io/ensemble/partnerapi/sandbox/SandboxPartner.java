package io.ensemble.partnerapi.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.partnerapi.events.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The state of every sandbox partner (one per partner key, created on first use): its behaviour, the webhook
 * secret and callback URL Ensemble gave it, its sandboxes; and the signed asynchronous callbacks it sends.
 */
@Component
@ConditionalOnProperty(name = "ensemble.sandbox-partner.enabled", havingValue = "true")
public class SandboxPartner implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxPartner.class);

  private record Webhook(String callbackUrl, String secret) {}

  /** A sandbox and what the partner knows about it: its outcome, from {@code knownAt} on. */
  private record Sandbox(String partnerKey, SandboxBehaviour.SandboxOutcome outcome, Instant knownAt,
      String detail) {}

  /** The sandbox's state as {@code GET /v1/sandboxes/{id}} reports it. */
  record SandboxState(String sandboxId, String state, String endpointUrl, String reason) {}

  /** First wait before a callback is sent again; it doubles on every attempt, up to {@link #CALLBACK_BACKOFF_CAP}. */
  static final Duration CALLBACK_BACKOFF = Duration.ofSeconds(1);
  static final Duration CALLBACK_BACKOFF_CAP = Duration.ofMinutes(1);
  /** Answers after which a callback is not sent again: the event itself is wrong. */
  private static final Set<Integer> FINAL_REFUSALS = Set.of(400, 404, 413);

  private final Map<String, SandboxBehaviour> behaviours = new ConcurrentHashMap<>();
  private final Map<String, Webhook> webhooks = new ConcurrentHashMap<>();
  private final Map<String, Sandbox> sandboxes = new ConcurrentHashMap<>();
  private final ObjectMapper json;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService callbacks = Executors.newScheduledThreadPool(2, runnable -> {
    Thread thread = new Thread(runnable, "sandbox-partner-callbacks");
    thread.setDaemon(true);
    return thread;
  });

  private final Environment environment;
  /** How long an unacknowledged callback is sent again (a real partner: at least 24 hours, see the contract). */
  private final Duration callbackRetryFor;

  SandboxPartner(ObjectMapper json, Environment environment) {
    this.json = json;
    this.environment = environment;
    this.callbackRetryFor = environment.getProperty("ensemble.sandbox-partner.callback-retry-for", Duration.class,
        Duration.ofMinutes(10));
  }

  /**
   * The partner's behaviour: as last changed at runtime, else as configured under
   * {@code ensemble.sandbox-partner.behaviour.<partnerKey>.<field>} (e.g. {@code ...meshgate.latencyMillis: 200}),
   * else {@link SandboxBehaviour#DEFAULT}.
   */
  public SandboxBehaviour behaviour(String partnerKey) {
    return behaviours.computeIfAbsent(partnerKey, this::configured);
  }

  private SandboxBehaviour configured(String partnerKey) {
    Map<String, Object> settings = Binder.get(environment)
        .bind("ensemble.sandbox-partner.behaviour." + partnerKey, Bindable.mapOf(String.class, Object.class))
        .orElse(Map.of());
    if (settings.isEmpty()) {
      return SandboxBehaviour.DEFAULT;
    }
    Map<String, Object> merged = json.convertValue(SandboxBehaviour.DEFAULT, Map.class);
    merged.putAll(settings);
    return json.convertValue(merged, SandboxBehaviour.class);
  }

  public void setBehaviour(String partnerKey, SandboxBehaviour behaviour) {
    behaviours.put(partnerKey, behaviour);
  }

  /** Applies the given fields onto the current behaviour. */
  public SandboxBehaviour changeBehaviour(String partnerKey, Map<String, Object> changes) {
    Map<String, Object> merged = json.convertValue(behaviour(partnerKey), Map.class);
    merged.putAll(changes);
    SandboxBehaviour changed = json.convertValue(merged, SandboxBehaviour.class);
    behaviours.put(partnerKey, changed);
    return changed;
  }

  void webhook(String partnerKey, String callbackUrl, String secret) {
    webhooks.put(partnerKey, new Webhook(callbackUrl, secret));
  }

  String newSandbox(String partnerKey) {
    String sandboxId = "sbx-" + UUID.randomUUID();
    sandboxes.put(sandboxId, new Sandbox(partnerKey, SandboxBehaviour.SandboxOutcome.SILENT, Instant.MAX, null));
    return sandboxId;
  }

  boolean removeSandbox(String partnerKey, String sandboxId) {
    Sandbox sandbox = sandboxes.get(sandboxId);
    return sandbox != null && sandbox.partnerKey().equals(partnerKey) && sandboxes.remove(sandboxId, sandbox);
  }

  /** What the partner knows about one of its sandboxes now; empty for a sandbox it does not have. */
  Optional<SandboxState> sandboxState(String partnerKey, String sandboxId) {
    Sandbox sandbox = sandboxes.get(sandboxId);
    if (sandbox == null || !sandbox.partnerKey().equals(partnerKey)) {
      return Optional.empty();
    }
    if (Instant.now().isBefore(sandbox.knownAt())) {
      return Optional.of(new SandboxState(sandboxId, "PROVISIONING", null, null));
    }
    return Optional.of(switch (sandbox.outcome()) {
      case READY -> new SandboxState(sandboxId, "READY", sandbox.detail(), null);
      case FAILED -> new SandboxState(sandboxId, "FAILED", null, sandbox.detail());
      case SILENT -> new SandboxState(sandboxId, "PROVISIONING", null, null);
    });
  }

  /**
   * Decides the sandbox's outcome, known after the configured delay, and then sends {@code sandbox.ready} or
   * {@code sandbox.failed} (nothing when SILENT, or when the callback is lost: {@code callbackLossRate}).
   */
  void reportSandbox(String partnerKey, String sandboxId, String templateId) {
    SandboxBehaviour behaviour = behaviour(partnerKey);
    Instant knownAt = Instant.now().plusMillis(behaviour.callbackDelayMillis());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("sandboxId", sandboxId);
    String type;
    String detail;
    switch (behaviour.sandboxOutcome()) {
      case READY -> {
        type = "sandbox.ready";
        detail = "https://sandbox.example/" + partnerKey + "/" + sandboxId;
        data.put("endpointUrl", detail);
      }
      case FAILED -> {
        type = "sandbox.failed";
        detail = "Template " + templateId + " could not be deployed: quota exceeded";
        data.put("reason", detail);
      }
      default -> {
        return;
      }
    }
    sandboxes.computeIfPresent(sandboxId, (id, sandbox) ->
        new Sandbox(partnerKey, behaviour.sandboxOutcome(), knownAt, detail));
    if (ThreadLocalRandom.current().nextDouble() < behaviour.callbackLossRate()) {
      LOG.info("Sandbox partner {} will not call back for {} (lost callback)", partnerKey, sandboxId);
      return;
    }
    Map<String, Object> event = event(type, data);
    callbacks.schedule(() -> deliver(partnerKey, event, 1), behaviour.callbackDelayMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Signs and posts one event to Ensemble, as a partner would; until Ensemble acknowledges it, it is sent again
   * (same eventId) with growing pauses, for {@code ensemble.sandbox-partner.callback-retry-for}.
   *
   * @return whether Ensemble acknowledged it at the first attempt
   */
  public boolean sendEvent(String partnerKey, String type, Map<String, Object> data) {
    return deliver(partnerKey, event(type, data), 1);
  }

  private static Map<String, Object> event(String type, Map<String, Object> data) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", "evt-" + UUID.randomUUID());
    event.put("type", type);
    event.put("occurredAt", Instant.now().toString());
    event.put("data", data);
    return event;
  }

  private boolean deliver(String partnerKey, Map<String, Object> event, int attempt) {
    Webhook webhook = webhooks.get(partnerKey);
    Object type = event.get("type");
    if (webhook == null) {
      LOG.warn("Sandbox partner {} has no webhook to send {} to", partnerKey, type);
      return false;
    }
    Integer status = null;
    String problem;
    try {
      byte[] body = json.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
      HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.callbackUrl()))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .header(WebhookSignature.PARTNER_KEY_HEADER, partnerKey)
          .header(WebhookSignature.SIGNATURE_HEADER,
              WebhookSignature.sign(webhook.secret(), Instant.now().getEpochSecond(), body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      status = response.statusCode();
      problem = "HTTP " + status;
      LOG.info("Sandbox partner {} sent {} {} (attempt {}): HTTP {}", partnerKey, type, event.get("eventId"),
          attempt, status);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return false;
      }
      problem = e.toString();
    }
    if (status != null && (status / 100 == 2 || FINAL_REFUSALS.contains(status))) {
      return status / 100 == 2;
    }
    retryLater(partnerKey, event, attempt, problem);
    return false;
  }

  private void retryLater(String partnerKey, Map<String, Object> event, int attempt, String problem) {
    Duration pause = CALLBACK_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 16));
    pause = pause.compareTo(CALLBACK_BACKOFF_CAP) > 0 ? CALLBACK_BACKOFF_CAP : pause;
    Instant occurredAt = Instant.parse((String) event.get("occurredAt"));
    if (Instant.now().plus(pause).isAfter(occurredAt.plus(callbackRetryFor))) {
      LOG.warn("Sandbox partner {} gives up sending {} {} after {} attempts: {}", partnerKey, event.get("type"),
          event.get("eventId"), attempt, problem);
      return;
    }
    LOG.info("Sandbox partner {} sends {} {} again in {}: {}", partnerKey, event.get("type"), event.get("eventId"),
        pause, problem);
    try {
      callbacks.schedule(() -> deliver(partnerKey, event, attempt + 1), pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      LOG.info("Sandbox partner {} stops sending {}: shutting down", partnerKey, event.get("eventId"));
    }
  }

  @Override
  public void destroy() {
    callbacks.shutdownNow();
  }
}
