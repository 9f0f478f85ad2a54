package io.ensemble.governance.item;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One step in an item's life: who did what, when, and why. */
@Entity
@Table(name = "governance_item_event")
public class TimelineEntry {

  /** What happened. */
  public enum Type {
    RAISED, TRIAGED, ASSIGNED, ESCALATED, ESCALATION_HANDLED, HANDED_BACK, RESOLVED, REOPENED, CLOSED,
    PARTNER_NOTIFIED, NOTIFICATION_REFUSED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private long itemId;

  @Enumerated(EnumType.STRING)
  @Column(name = "event_type")
  private Type type;

  private String actor;

  private String note;

  private Instant occurredAt;

  protected TimelineEntry() {}

  TimelineEntry(long itemId, Type type, String actor, String note, Instant occurredAt) {
    this.itemId = itemId;
    this.type = type;
    this.actor = actor;
    this.note = note;
    this.occurredAt = occurredAt;
  }

  public Long getId() { return id; }
  public long getItemId() { return itemId; }
  public Type getType() { return type; }
  public String getActor() { return actor; }
  public String getNote() { return note; }
  public Instant getOccurredAt() { return occurredAt; }
}
