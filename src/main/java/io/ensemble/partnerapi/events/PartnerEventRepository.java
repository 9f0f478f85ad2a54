package io.ensemble.partnerapi.events;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface PartnerEventRepository extends JpaRepository<PartnerEvent, Long> {

  Optional<PartnerEvent> findByPartnerKeyAndEventId(String partnerKey, String eventId);

  /** One partner's undelivered events: what a process of that partner may just have started to wait for. */
  List<PartnerEvent> findByPartnerKeyAndStatusInOrderByIdAsc(String partnerKey, Collection<PartnerEvent.Status> statuses);

  List<PartnerEvent> findByStatusOrderByIdAsc(PartnerEvent.Status status, Pageable page);

  List<PartnerEvent> findByStatusOrderByIdDesc(PartnerEvent.Status status, Pageable page);

  /** Claims an undelivered event for delivery; 0 when another delivery got it first. Locks the row until commit. */
  @Modifying
  @Query("update PartnerEvent e set e.status = io.ensemble.partnerapi.events.PartnerEvent.Status.DELIVERED, "
      + "e.deliveredAt = :now where e.id = :id and e.status <> io.ensemble.partnerapi.events.PartnerEvent.Status.DELIVERED")
  int claim(@Param("id") long id, @Param("now") Instant now);

  /** Records a failed delivery; the event becomes a dead letter once {@code maxAttempts} failed. */
  @Modifying
  @Query("update PartnerEvent e set e.attempts = e.attempts + 1, e.lastError = :error, "
      + "e.status = case when e.attempts + 1 >= :maxAttempts "
      + "then io.ensemble.partnerapi.events.PartnerEvent.Status.DEAD_LETTER else e.status end "
      + "where e.id = :id and e.status <> io.ensemble.partnerapi.events.PartnerEvent.Status.DELIVERED")
  int failed(@Param("id") long id, @Param("error") String error, @Param("maxAttempts") int maxAttempts);

  @Modifying
  @Query("update PartnerEvent e set e.status = io.ensemble.partnerapi.events.PartnerEvent.Status.DEAD_LETTER, "
      + "e.lastError = :reason where e.id = :id "
      + "and e.status = io.ensemble.partnerapi.events.PartnerEvent.Status.PENDING")
  int deadLetter(@Param("id") long id, @Param("reason") String reason);
}
