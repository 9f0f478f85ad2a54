package io.ensemble.partnerapi.events;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A partner callback in the inbox: stored once per (partner, eventId), PENDING until delivered to a process;
 * DEAD_LETTER when no process took it within its consumer's patience or its delivery kept failing (visible to the
 * governance office, and still delivered if its process gets there later).
 */
@Entity
@Table(name = "partner_event")
public class PartnerEvent {

  public enum Status { PENDING, DELIVERED, DEAD_LETTER }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String partnerKey;
  private String eventId;
  private String eventType;
  private String correlationValue;
  private String payload;

  @Enumerated(EnumType.STRING)
  private Status status;

  private Instant receivedAt;
  private Instant deliveredAt;
  private int attempts;
  private String lastError;

  protected PartnerEvent() {}

  PartnerEvent(String partnerKey, String eventId, String eventType, String correlationValue, String payload,
      Instant receivedAt) {
    this.partnerKey = partnerKey;
    this.eventId = eventId;
    this.eventType = eventType;
    this.correlationValue = correlationValue;
    this.payload = payload;
    this.status = Status.PENDING;
    this.receivedAt = receivedAt;
  }

  public Long getId() { return id; }
  public String getPartnerKey() { return partnerKey; }
  public String getEventId() { return eventId; }
  public String getEventType() { return eventType; }
  public String getCorrelationValue() { return correlationValue; }
  public String getPayload() { return payload; }
  public Status getStatus() { return status; }
  public Instant getReceivedAt() { return receivedAt; }
  public Instant getDeliveredAt() { return deliveredAt; }
  /** Failed deliveries (a delivery that finds no waiting process is not a failure). */
  public int getAttempts() { return attempts; }
  public String getLastError() { return lastError; }
}
