package io.ensemble.governance.item;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface GovernanceItemRepository
    extends JpaRepository<GovernanceItem, Long>, JpaSpecificationExecutor<GovernanceItem> {

  Optional<GovernanceItem> findByIdempotencyCallerAndIdempotencyKey(String caller, String key);

  List<GovernanceItem> findByStatusNot(ItemStatus status);

  /** Items raised, closed or escalated to the CIO since the start of a KPI window. */
  List<GovernanceItem> findByRaisedAtAfterOrClosedAtAfterOrResolutionBreachedAtAfter(Instant raised, Instant closed,
      Instant escalated);
}
