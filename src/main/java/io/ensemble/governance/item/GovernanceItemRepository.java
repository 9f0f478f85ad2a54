package io.ensemble.governance.item;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface GovernanceItemRepository
    extends JpaRepository<GovernanceItem, Long>, JpaSpecificationExecutor<GovernanceItem> {

  Optional<GovernanceItem> findByIdempotencyCallerAndIdempotencyKey(String caller, String key);
}
