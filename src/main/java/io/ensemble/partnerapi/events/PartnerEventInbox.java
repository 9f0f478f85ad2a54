package io.ensemble.partnerapi.events;

import io.ensemble.partnerapi.PartnerApiProperties;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.platform.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox of partner callbacks. An event is verified, stored once per (partner, eventId) and then delivered:
 * correlated as a BPMN message to the process waiting for it. When no process waits yet the event stays
 * PENDING and is delivered when one gets there ({@link DeliverPendingPartnerEvents}), or by the periodic sweep.
 * Delivery claims the row and correlates in one transaction, so an event reaches a process exactly once.
 */
@Service
public class PartnerEventInbox {

  private static final Logger LOG = LoggerFactory.getLogger(PartnerEventInbox.class);
  private static final int MAX_PAYLOAD = 8000;
  private static final int MAX_EVENT_ID = 100;
  private static final int MAX_VALUE = 200;
  /** Event data copied into process variables stays far below PostgreSQL's 4000-character string variables. */
  private static final int MAX_VARIABLE = 2000;
  /** An early event waits this long for its process; older pending events are left alone (and visible in the table). */
  static final Duration PENDING_AT_MOST = Duration.ofDays(7);

  public enum Receipt { ACCEPTED, DUPLICATE }

  private final PartnerRepository partners;
  private final PartnerEventRepository events;
  private final WebhookSecrets secrets;
  private final PartnerApiProperties properties;
  private final RuntimeService runtimeService;
  private final ObjectMapper json;
  private final TransactionTemplate transaction;
  private final ExecutorService delivery;
  private final Clock clock = Clock.systemUTC();

  PartnerEventInbox(PartnerRepository partners, PartnerEventRepository events, WebhookSecrets secrets,
      PartnerApiProperties properties, RuntimeService runtimeService, ObjectMapper json,
      PlatformTransactionManager transactionManager, ExecutorService partnerEventDelivery) {
    this.partners = partners;
    this.events = events;
    this.secrets = secrets;
    this.properties = properties;
    this.runtimeService = runtimeService;
    this.json = json;
    this.transaction = new TransactionTemplate(transactionManager);
    this.delivery = partnerEventDelivery;
  }

  /** Verifies, stores once and tries to deliver a callback. Client mistakes are {@link InvalidInputException}s. */
  public Receipt receive(String partnerKey, String signature, byte[] body) {
    if (partnerKey == null || partnerKey.isBlank()) {
      throw new InvalidInputException("Header " + WebhookSignature.PARTNER_KEY_HEADER + " is required");
    }
    if (!partners.existsById(partnerKey)) {
      throw new InvalidInputException(404, "Unknown partner " + partnerKey);
    }
    if (!WebhookSignature.verify(signature, body, secrets.acceptedSecrets(partnerKey), clock.instant(),
        properties.signatureMaxAge())) {
      LOG.warn("Refused a partner event from {}: bad or stale signature", partnerKey);
      throw new InvalidInputException(401, "Bad or stale " + WebhookSignature.SIGNATURE_HEADER);
    }
    PartnerEvent event = parse(partnerKey, body);
    if (events.findByPartnerKeyAndEventId(partnerKey, event.getEventId()).isPresent()
        || outcomeAlreadyKnown(partnerKey, event.getEventType(), event.getCorrelationValue())) {
      return Receipt.DUPLICATE;
    }
    try {
      event = events.saveAndFlush(event);
    } catch (DataIntegrityViolationException concurrentDuplicate) {
      return Receipt.DUPLICATE;
    }
    LOG.info("Partner event {} {} from {} stored", event.getEventType(), event.getEventId(), partnerKey);
    deliver(event.getId());
    return Receipt.ACCEPTED;
  }

  /**
   * Records an outcome Ensemble read from the partner itself (reconciliation, e.g. {@code GET /v1/sandboxes/{id}})
   * as the event the partner's callback would have been, within the caller's transaction, and delivers it once that
   * transaction committed. Idempotent: nothing is recorded when the callback, or an earlier read, already told the
   * same; the partner's late callback is then a duplicate.
   */
  public void reconcile(String partnerKey, PartnerEventType type, Map<String, String> data) {
    String subject = data.get(type.correlationVariable());
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("data." + type.correlationVariable() + " is required");
    }
    if (!outcomeAlreadyKnown(partnerKey, type.type(), subject)) {
      Map<String, Object> event = new LinkedHashMap<>();
      String eventId = "reconciled:" + type.type() + ":" + subject;
      event.put("eventId", eventId.length() <= MAX_EVENT_ID ? eventId : eventId.substring(0, MAX_EVENT_ID));
      event.put("type", type.type());
      event.put("occurredAt", clock.instant().toString());
      event.put("data", data);
      try {
        events.saveAndFlush(new PartnerEvent(partnerKey, (String) event.get("eventId"), type.type(), subject,
            json.writeValueAsString(event), clock.instant()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      LOG.info("Partner event {} for {} of {} reconciled from the partner's state", type.type(), subject, partnerKey);
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          deliverPendingSoon();
        }
      });
    } else {
      deliverPendingSoon();
    }
  }

  private boolean outcomeAlreadyKnown(String partnerKey, String eventType, String subject) {
    return PartnerEventType.of(eventType).map(PartnerEventType::oncePerSubject).orElse(false)
        && events.existsByPartnerKeyAndEventTypeAndCorrelationValue(partnerKey, eventType, subject);
  }

  /** Delivers every pending event whose process now waits; safe to call concurrently and repeatedly. */
  public void deliverPending() {
    for (PartnerEvent pending : events.findByStatusAndReceivedAtAfterOrderByIdAsc(PartnerEvent.Status.PENDING,
        clock.instant().minus(PENDING_AT_MOST))) {
      deliver(pending.getId());
    }
  }

  /** {@link #deliverPending()} on the delivery thread, e.g. after the transaction that created a wait committed. */
  public void deliverPendingSoon() {
    delivery.execute(this::deliverPending);
  }

  /** Safety net: anything still pending is tried again periodically. */
  @Scheduled(fixedDelayString = "${ensemble.partner-api.inbox-sweep-interval:PT1M}")
  void sweep() {
    deliverPending();
  }

  /** Claim and correlate together: a correlation that finds no waiting process rolls the claim back. */
  boolean deliver(long eventId) {
    try {
      Boolean delivered = transaction.execute(status -> {
        PartnerEvent event = events.findById(eventId).orElse(null);
        if (event == null || event.getStatus() != PartnerEvent.Status.PENDING) {
          return false;
        }
        PartnerEventType type = PartnerEventType.of(event.getEventType()).orElseThrow();
        boolean alreadyDelivered = type.oncePerSubject()
            && events.existsByPartnerKeyAndEventTypeAndCorrelationValueAndStatus(event.getPartnerKey(),
                event.getEventType(), event.getCorrelationValue(), PartnerEvent.Status.DELIVERED);
        if (alreadyDelivered) {
          // the same outcome reached the process already (the callback and a reconciliation raced): not resent
          LOG.info("Partner event {} {} from {} duplicates one already delivered", event.getEventType(),
              event.getEventId(), event.getPartnerKey());
          return events.markDuplicate(eventId, clock.instant()) > 0;
        }
        if (events.claim(eventId, clock.instant()) == 0) {
          return false;
        }
        var correlated = runtimeService.createMessageCorrelation(type.messageName())
            .processInstanceVariableEquals(type.correlationVariable(), event.getCorrelationValue())
            .setVariables(variables(type, event))
            .correlateAllWithResult();
        if (correlated.isEmpty()) {
          status.setRollbackOnly();
          return false;
        }
        LOG.info("Partner event {} {} from {} delivered as {}", event.getEventType(), event.getEventId(),
            event.getPartnerKey(), type.messageName());
        return true;
      });
      return Boolean.TRUE.equals(delivered);
    } catch (RuntimeException e) {
      // e.g. the woken process failed or a concurrent delivery won: the event stays pending for the next try
      LOG.warn("Partner event {} not delivered yet: {}", eventId, e.getMessage());
      return false;
    }
  }

  private Map<String, Object> variables(PartnerEventType type, PartnerEvent event) {
    Map<String, Object> variables = new HashMap<>();
    try {
      JsonNode data = json.readTree(event.getPayload()).path("data");
      type.dataToVariables().forEach((field, variable) -> {
        if (data.hasNonNull(field)) {
          String value = data.get(field).asText();
          variables.put(variable, value.length() <= MAX_VARIABLE ? value : value.substring(0, MAX_VARIABLE));
        }
      });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored event payload is not JSON", e);
    }
    return variables;
  }

  private PartnerEvent parse(String partnerKey, byte[] body) {
    if (body.length > MAX_PAYLOAD) {
      throw new InvalidInputException(413, "Event body larger than " + MAX_PAYLOAD + " bytes");
    }
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException e) {
      throw new InvalidInputException("Body is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException("Body must be a JSON object");
    }
    String eventId = text(root, "eventId", MAX_EVENT_ID);
    String typeName = text(root, "type", 40);
    PartnerEventType type = PartnerEventType.of(typeName).orElseThrow(() ->
        new InvalidInputException("type: unknown event type " + typeName));
    text(root, "occurredAt", 40);
    JsonNode data = root.get("data");
    if (data == null || !data.isObject()) {
      throw new InvalidInputException("data is required (an object)");
    }
    String correlationValue = text(data, type.correlationVariable(), MAX_VALUE, "data.");
    return new PartnerEvent(partnerKey, eventId, type.type(), correlationValue,
        new String(body, StandardCharsets.UTF_8), clock.instant());
  }

  private static String text(JsonNode node, String field, int maxLength) {
    return text(node, field, maxLength, "");
  }

  private static String text(JsonNode node, String field, int maxLength, String prefix) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new InvalidInputException(prefix + field + " is required (a non-empty string)");
    }
    if (value.asText().length() > maxLength) {
      throw new InvalidInputException(prefix + field + " is longer than " + maxLength + " characters");
    }
    return value.asText();
  }
}
