package io.ensemble.partnerapi.events;

import io.ensemble.platform.InvalidInputException;
import io.ensemble.security.CurrentUser;
import io.ensemble.security.EnsembleGroup;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.data.domain.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/partner-event-inbox?status=DEAD_LETTER} (the default; also {@code PENDING}, {@code DELIVERED}):
 * the newest 200 partner events in that state, for the governance office and administrators. Shows what each
 * event was about and why it was not delivered, not its payload.
 */
@RestController
class PartnerEventInboxController {

  static final List<String> READERS = List.of(EnsembleGroup.GOVERNANCE_OFFICE.id(), EnsembleGroup.CAMUNDA_ADMIN);

  private final PartnerEventRepository events;
  private final CurrentUser currentUser;

  PartnerEventInboxController(PartnerEventRepository events, CurrentUser currentUser) {
    this.events = events;
    this.currentUser = currentUser;
  }

  record EventView(long id, String partnerKey, String eventId, String type, String subject, String status,
      Instant receivedAt, Instant deliveredAt, int failedDeliveries, String lastError) {}

  @GetMapping("/api/partner-event-inbox")
  List<EventView> list(@RequestParam(defaultValue = "DEAD_LETTER") String status) {
    currentUser.requireAnyGroup(READERS, "read the partner-event inbox");
    PartnerEvent.Status wanted = Arrays.stream(PartnerEvent.Status.values())
        .filter(s -> s.name().equals(status)).findFirst()
        .orElseThrow(() -> new InvalidInputException("status must be one of "
            + Arrays.toString(PartnerEvent.Status.values()) + ", got '" + status + "'"));
    return events.findByStatusOrderByIdDesc(wanted, PageRequest.of(0, 200)).stream()
        .map(e -> new EventView(e.getId(), e.getPartnerKey(), e.getEventId(), e.getEventType(),
            e.getCorrelationValue(), e.getStatus().name(), e.getReceivedAt(), e.getDeliveredAt(), e.getAttempts(),
            e.getLastError()))
        .toList();
  }
}
