package io.ensemble.partnerapi.events;

/**
 * A capability that consumes one partner event type itself instead of having it correlated as a BPMN message to a
 * waiting process (e.g. {@code customer.issue} raises a governance item). Called by the inbox inside the delivery
 * transaction, once per stored event; a failure leaves the event pending for the next delivery attempt.
 */
public interface PartnerEventConsumer {

  /** The event type consumed, e.g. {@code customer.issue}. */
  String eventType();

  /** Consumes the event of that partner; the payload is the event's JSON body as received. */
  void consume(String partnerKey, String eventId, String payload);
}
