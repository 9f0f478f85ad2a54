package io.ensemble.partnerapi.client;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PartnerCallLogRepository extends JpaRepository<PartnerCallLog, Long> {

  long countByIdempotencyKeyAndOperation(String idempotencyKey, String operation);

  List<PartnerCallLog> findByIdempotencyKeyOrderByIdAsc(String idempotencyKey);

  List<PartnerCallLog> findByPartnerKeyOrderByIdAsc(String partnerKey);
}
