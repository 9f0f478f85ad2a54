package io.ensemble.partnerapi.events;

import io.ensemble.partnerapi.PartnerApiProperties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.platform.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox of partner callbacks. An event is verified, checked against the {@link PartnerEventConsumer} of its
 * type (no consumer: 422; a subject that is not the sender's: 404), stored once per (partner, eventId) and
 * delivered to the sender's process that waits for it. An event that comes before its process waits stays PENDING
 * and is delivered when the process gets there ({@link DeliverPendingPartnerEvents}), or by the periodic sweep.
 * Delivery claims the row and delivers in one transaction, so an event reaches a process exactly once. A delivery
 * that fails is counted; after {@value #MAX_ATTEMPTS} failures, or when no process took the event within its
 * consumer's patience, the event becomes a DEAD_LETTER, which the governance office reads at
 * {@code GET /api/partner-event-inbox?status=DEAD_LETTER}.
 */
@Service
public class PartnerEventInbox {

  private static final Logger LOG = LoggerFactory.getLogger(PartnerEventInbox.class);
  private static final int MAX_PAYLOAD = 8000;
  private static final int MAX_EVENT_ID = 100;
  /** As long as the registry's sandbox id and the inbox's correlation column allow. */
  private static final int MAX_SUBJECT = 100;
  static final int MAX_ATTEMPTS = 5;
  private static final int SWEEP_BATCH = 200;
  private static final List<PartnerEvent.Status> UNDELIVERED =
      List.of(PartnerEvent.Status.PENDING, PartnerEvent.Status.DEAD_LETTER);

  public enum Receipt { ACCEPTED, DUPLICATE }

  private final PartnerRepository partners;
  private final PartnerEventRepository events;
  private final WebhookSecrets secrets;
  private final PartnerApiProperties properties;
  private final Map<String, PartnerEventConsumer> consumers;
  private final ObjectMapper json;
  private final TransactionTemplate transaction;
  private final ExecutorService delivery;
  private final Clock clock = Clock.systemUTC();

  PartnerEventInbox(PartnerRepository partners, PartnerEventRepository events, WebhookSecrets secrets,
      PartnerApiProperties properties, List<PartnerEventConsumer> consumers, ObjectMapper json,
      PlatformTransactionManager transactionManager, ExecutorService partnerEventDelivery) {
    this.partners = partners;
    this.events = events;
    this.secrets = secrets;
    this.properties = properties;
    this.consumers = consumers.stream().collect(Collectors.toMap(PartnerEventConsumer::eventType,
        Function.identity(), (a, b) -> {
          throw new IllegalStateException("Two consumers of partner event type " + a.eventType());
        }, TreeMap::new));
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
    var stored = events.findByPartnerKeyAndEventId(partnerKey, event.getEventId());
    if (stored.isPresent()) {
      return sameEventAgain(stored.get(), event);
    }
    try {
      event = events.saveAndFlush(event);
    } catch (DataIntegrityViolationException concurrentDuplicate) {
      return sameEventAgain(events.findByPartnerKeyAndEventId(partnerKey, event.getEventId()).orElseThrow(), event);
    }
    LOG.info("Partner event {} {} from {} stored", event.getEventType(), event.getEventId(), partnerKey);
    deliver(event.getId());
    return Receipt.ACCEPTED;
  }

  /**
   * Delivers the undelivered events of one partner (pending or dead letters, whatever their age): called once a
   * process of that partner starts to wait. Looks at that partner's events only.
   */
  public void deliverPendingOf(String partnerKey) {
    for (PartnerEvent undelivered : events.findByPartnerKeyAndStatusInOrderByIdAsc(partnerKey, UNDELIVERED)) {
      deliver(undelivered.getId());
    }
  }

  /** {@link #deliverPendingOf} on the delivery thread, e.g. after the transaction that created a wait committed. */
  public void deliverPendingOfSoon(String partnerKey) {
    delivery.execute(() -> deliverPendingOf(partnerKey));
  }

  /**
   * Safety net: pending events are tried again periodically; those older than their consumer's patience become
   * dead letters.
   */
  @Scheduled(fixedDelayString = "${ensemble.partner-api.inbox-sweep-interval:PT1M}")
  public void sweep() {
    for (PartnerEvent pending : events.findByStatusOrderByIdAsc(PartnerEvent.Status.PENDING,
        PageRequest.of(0, SWEEP_BATCH))) {
      PartnerEventConsumer consumer = consumers.get(pending.getEventType());
      if (consumer == null || pending.getReceivedAt().plus(consumer.patience()).isBefore(clock.instant())) {
        deadLetter(pending, consumer == null ? "no process consumes " + pending.getEventType() + " any more"
            : "no process took it within " + consumer.patience());
      } else {
        deliver(pending.getId());
      }
    }
  }

  /** Claim and deliver together: a delivery that finds no waiting process rolls the claim back. */
  boolean deliver(long eventId) {
    try {
      Boolean delivered = transaction.execute(status -> {
        PartnerEvent event = events.findById(eventId).orElse(null);
        if (event == null || event.getStatus() == PartnerEvent.Status.DELIVERED
            || events.claim(eventId, clock.instant()) == 0) {
          return false;
        }
        PartnerEventConsumer consumer = consumers.get(event.getEventType());
        if (consumer == null || !consumer.deliver(received(event))) {
          status.setRollbackOnly();
          return false;
        }
        LOG.info("Partner event {} {} from {} delivered", event.getEventType(), event.getEventId(),
            event.getPartnerKey());
        return true;
      });
      return Boolean.TRUE.equals(delivered);
    } catch (RuntimeException e) {
      failed(eventId, e);
      return false;
    }
  }

  /** A failed delivery is counted and kept with its reason; the last allowed failure makes a dead letter. */
  private void failed(long eventId, RuntimeException failure) {
    String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    reason = reason.length() <= 500 ? reason : reason.substring(0, 499) + "…";
    String error = reason;
    transaction.executeWithoutResult(status -> events.failed(eventId, error, MAX_ATTEMPTS));
    PartnerEvent event = events.findById(eventId).orElseThrow();
    if (event.getStatus() == PartnerEvent.Status.DEAD_LETTER) {
      LOG.error("Partner event {} {} from {} is a dead letter after {} failed deliveries", event.getEventType(),
          event.getEventId(), event.getPartnerKey(), event.getAttempts(), failure);
    } else {
      LOG.warn("Partner event {} {} from {} not delivered (attempt {}): {}", event.getEventType(),
          event.getEventId(), event.getPartnerKey(), event.getAttempts(), error);
    }
  }

  private void deadLetter(PartnerEvent event, String reason) {
    transaction.executeWithoutResult(status -> events.deadLetter(event.getId(), reason));
    LOG.error("Partner event {} {} from {} is a dead letter: {}", event.getEventType(), event.getEventId(),
        event.getPartnerKey(), reason);
  }

  private Receipt sameEventAgain(PartnerEvent stored, PartnerEvent again) {
    if (!stored.getPayload().equals(again.getPayload())) {
      LOG.warn("Refused a partner event from {}: eventId {} was received before with different content",
          again.getPartnerKey(), again.getEventId());
      throw InvalidInputException.conflict("eventId " + again.getEventId()
          + " was already received with different content; a new event needs a new eventId");
    }
    return Receipt.DUPLICATE;
  }

  private ReceivedPartnerEvent received(PartnerEvent event) {
    try {
      JsonNode data = json.readTree(event.getPayload()).path("data");
      return new ReceivedPartnerEvent(event.getPartnerKey(), event.getEventId(), event.getEventType(),
          event.getCorrelationValue(), data);
    } catch (IOException e) {
      throw new IllegalStateException("Stored event payload is not JSON", e);
    }
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
    String eventId = text(root, "eventId", MAX_EVENT_ID, "");
    String type = text(root, "type", 40, "");
    PartnerEventConsumer consumer = consumers.get(type);
    if (consumer == null) {
      throw new InvalidInputException(422, "type: no process consumes events of type " + type
          + "; consumed are " + consumers.keySet());
    }
    text(root, "occurredAt", 40, "");
    JsonNode data = root.get("data");
    if (data == null || !data.isObject()) {
      throw new InvalidInputException("data is required (an object)");
    }
    String subject = text(data, consumer.subjectField(), MAX_SUBJECT, "data.");
    switch (consumer.subject(partnerKey, subject)) {
      case OF_SENDER, NOT_YET_KNOWN -> { }
      case OF_ANOTHER_PARTNER -> {
        LOG.warn("SECURITY: partner {} sent {} {} naming {} {}, which belongs to another partner; refused",
            partnerKey, type, eventId, consumer.subjectField(), subject);
        throw unknownSubject(partnerKey, consumer, subject);
      }
      case UNKNOWN -> throw unknownSubject(partnerKey, consumer, subject);
    }
    return new PartnerEvent(partnerKey, eventId, type, subject, new String(body, StandardCharsets.UTF_8),
        clock.instant());
  }

  /** The same answer whether the subject is another partner's or nobody's: a partner learns nothing of others. */
  private static InvalidInputException unknownSubject(String partnerKey, PartnerEventConsumer consumer,
      String subject) {
    return new InvalidInputException(404, "data." + consumer.subjectField() + ": partner " + partnerKey
        + " has no " + consumer.subjectField() + " " + subject);
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
