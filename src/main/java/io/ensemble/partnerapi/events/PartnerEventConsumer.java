package io.ensemble.partnerapi.events;

import java.time.Duration;

/**
 * What a process offers the partner-event inbox for one event type: a Spring bean per type, e.g. onboarding's
 * {@code sandbox.ready}. The inbox refuses every type without a consumer (422), so partners can only send what a
 * process consumes. See README "Partner API" for the contract.
 *
 * <p>Partner events change only their sender's own processes: {@link #subject} tells the inbox whose thing the
 * event names (the sender's, another partner's, one the sender may still be creating, or nothing known), and
 * {@link #deliver} receives the sender's partner key with the event and must act on that partner's processes only
 * (correlating on the business key, which is the partner key, as {@link WaitingProcessConsumer} does).
 */
public interface PartnerEventConsumer {

  /** The event type, e.g. {@code sandbox.ready}. */
  String eventType();

  /** The field of {@code data} that names what the event is about (e.g. {@code sandboxId}); required. */
  String subjectField();

  /** Whose is the thing the event names. Runs before the event is stored; must not change anything. */
  Subject subject(String senderPartnerKey, String subjectId);

  /**
   * Delivers the event inside the inbox's transaction (a rollback undoes the claim and the delivery together).
   * {@code false}: no process waits for it yet, the event stays pending. An exception counts as a failed delivery.
   */
  boolean deliver(ReceivedPartnerEvent event);

  /** How long an undelivered event waits for its process before it becomes a dead letter. */
  default Duration patience() {
    return Duration.ofDays(7);
  }

  enum Subject {
    /** The sender's own: accepted and delivered. */
    OF_SENDER,
    /** Not known yet, but the sender is creating one (an early callback): accepted, delivered when known. */
    NOT_YET_KNOWN,
    /** Another partner's: refused (404) and logged as a security warning. */
    OF_ANOTHER_PARTNER,
    /** Nothing known: refused (404). */
    UNKNOWN
  }
}
