package io.ensemble.partnerapi.events;

import com.fasterxml.jackson.databind.JsonNode;

/** A verified partner event as the inbox hands it to its {@link PartnerEventConsumer}. */
public record ReceivedPartnerEvent(String partnerKey, String eventId, String type, String subjectId, JsonNode data) {

  /** The text of a {@code data} field, cut to {@code maxLength} (process variables stay small), or null. */
  public String text(String field, int maxLength) {
    if (data == null || !data.hasNonNull(field)) {
      return null;
    }
    String value = data.get(field).asText();
    return value.length() <= maxLength ? value : value.substring(0, maxLength);
  }
}
