package io.ensemble.governance.item;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.partnerapi.events.PartnerEventConsumer;
import io.ensemble.partnerapi.events.ReceivedPartnerEvent;
import io.ensemble.platform.InvalidInputException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A partner's signed {@code customer.issue} becomes a governance item: kind {@code CUSTOMER_ISSUE}, the event's
 * severity, its summary as title (and, in full, as description), source = the sending partner (only ever the
 * sender's own key) and the event's pilot. The event id is the idempotency key of the partner, so a repeated
 * event never raises a second item, whatever the inbox does.
 */
@Component
public class CustomerIssueEvents implements PartnerEventConsumer {

  public static final String EVENT_TYPE = "customer.issue";
  private static final Logger LOG = LoggerFactory.getLogger(CustomerIssueEvents.class);

  private final GovernanceRegister register;
  private final ObjectMapper json;

  CustomerIssueEvents(GovernanceRegister register, ObjectMapper json) {
    this.register = register;
    this.json = json;
  }

  @Override
  public String eventType() {
    return EVENT_TYPE;
  }

  /** The customer's issue as the partner numbers it. */
  @Override
  public String subjectField() {
    return "issueId";
  }

  /** A customer issue is the sender's own report: the item it raises names the sender as its source, no one else. */
  @Override
  public Subject subject(String senderPartnerKey, String subjectId) {
    return Subject.OF_SENDER;
  }

  @Override
  public boolean deliver(ReceivedPartnerEvent event) {
    raise(event.partnerKey(), event.eventId(), event.data());
    return true;
  }

  /** Raises the item of a {@code customer.issue} event (or returns the one its event id already raised). */
  public GovernanceItem raise(String partnerKey, String eventId, String payload) {
    try {
      return raise(partnerKey, eventId, json.readTree(payload).path("data"));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("customer.issue from " + partnerKey + " is not JSON");
    }
  }

  private GovernanceItem raise(String partnerKey, String eventId, JsonNode data) {
    String summary = data.path("summary").asText("").strip();
    Map<String, Object> fields = new HashMap<>();
    fields.put(GovernanceItemProcess.Var.KIND, ItemKind.CUSTOMER_ISSUE.name());
    fields.put(GovernanceItemProcess.Var.SEVERITY, data.path("severity").asText(null));
    fields.put(GovernanceItemProcess.Var.TITLE, summary.length() > RaiseRequest.MAX_TITLE
        ? summary.substring(0, RaiseRequest.MAX_TITLE - 1) + "…" : summary);
    fields.put(GovernanceItemProcess.Var.DESCRIPTION, summary.length() > RaiseRequest.MAX_TITLE
        ? GovernanceRegister.truncate(summary, RaiseRequest.MAX_DESCRIPTION) : null);
    fields.put(GovernanceItemProcess.Var.PARTNER_KEY_VAR, partnerKey);
    fields.put(GovernanceItemProcess.Var.PILOT_KEY, data.path("pilotId").asText(null));
    GovernanceRegister.Raised raised = register.raise(RaiseRequest.of(fields), Raiser.partner(partnerKey), eventId);
    LOG.info("customer.issue {} from {} {} governance item {}", eventId, partnerKey,
        raised.created() ? "raised" : "already raised", raised.item().getId());
    return raised.item();
  }
}
