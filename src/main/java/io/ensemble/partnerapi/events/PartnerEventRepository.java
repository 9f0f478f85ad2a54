package io.ensemble.partnerapi.events;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface PartnerEventRepository extends JpaRepository<PartnerEvent, Long> {

  Optional<PartnerEvent> findByPartnerKeyAndEventId(String partnerKey, String eventId);

  boolean existsByPartnerKeyAndEventTypeAndCorrelationValue(String partnerKey, String eventType,
      String correlationValue);

  boolean existsByPartnerKeyAndEventTypeAndCorrelationValueAndStatus(String partnerKey, String eventType,
      String correlationValue, PartnerEvent.Status status);

  List<PartnerEvent> findByStatusAndReceivedAtAfterOrderByIdAsc(PartnerEvent.Status status, Instant receivedAfter);

  /** Claims a pending event for delivery; 0 when another delivery got it first. Locks the row until commit. */
  @Modifying
  @Query("update PartnerEvent e set e.status = io.ensemble.partnerapi.events.PartnerEvent.Status.DELIVERED, "
      + "e.deliveredAt = :now where e.id = :id and e.status = io.ensemble.partnerapi.events.PartnerEvent.Status.PENDING")
  int claim(@Param("id") long id, @Param("now") Instant now);

  /** Marks a pending event as a duplicate of one delivered before; 0 when another delivery got it first. */
  @Modifying
  @Query("update PartnerEvent e set e.status = io.ensemble.partnerapi.events.PartnerEvent.Status.DUPLICATE, "
      + "e.deliveredAt = :now where e.id = :id and e.status = io.ensemble.partnerapi.events.PartnerEvent.Status.PENDING")
  int markDuplicate(@Param("id") long id, @Param("now") Instant now);
}
