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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

  private final Map<String, SandboxBehaviour> behaviours = new ConcurrentHashMap<>();
  private final Map<String, Webhook> webhooks = new ConcurrentHashMap<>();
  private final Map<String, String> sandboxes = new ConcurrentHashMap<>();
  private final ObjectMapper json;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService callbacks = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "sandbox-partner-callbacks");
    thread.setDaemon(true);
    return thread;
  });

  private final Environment environment;

  SandboxPartner(ObjectMapper json, Environment environment) {
    this.json = json;
    this.environment = environment;
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
    sandboxes.put(sandboxId, partnerKey);
    return sandboxId;
  }

  boolean removeSandbox(String partnerKey, String sandboxId) {
    return sandboxes.remove(sandboxId, partnerKey);
  }

  /** Sends {@code sandbox.ready} or {@code sandbox.failed} after the configured delay (or nothing: SILENT). */
  void reportSandbox(String partnerKey, String sandboxId, String templateId) {
    SandboxBehaviour behaviour = behaviour(partnerKey);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("sandboxId", sandboxId);
    String type;
    switch (behaviour.sandboxOutcome()) {
      case READY -> {
        type = "sandbox.ready";
        data.put("endpointUrl", "https://sandbox.example/" + partnerKey + "/" + sandboxId);
      }
      case FAILED -> {
        type = "sandbox.failed";
        data.put("reason", "Template " + templateId + " could not be deployed: quota exceeded");
      }
      default -> {
        return;
      }
    }
    callbacks.schedule(() -> sendEvent(partnerKey, type, data), behaviour.callbackDelayMillis(), TimeUnit.MILLISECONDS);
  }

  /** Signs and posts one event to Ensemble, as a partner would. */
  public void sendEvent(String partnerKey, String type, Map<String, Object> data) {
    Webhook webhook = webhooks.get(partnerKey);
    if (webhook == null) {
      LOG.warn("Sandbox partner {} has no webhook to send {} to", partnerKey, type);
      return;
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", "evt-" + UUID.randomUUID());
    event.put("type", type);
    event.put("occurredAt", Instant.now().toString());
    event.put("data", data);
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
      LOG.info("Sandbox partner {} sent {}: HTTP {}", partnerKey, type, response.statusCode());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.warn("Sandbox partner {} could not send {}: {}", partnerKey, type, e.toString());
    }
  }

  @Override
  public void destroy() {
    callbacks.shutdownNow();
  }
}
