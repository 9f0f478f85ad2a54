package io.ensemble.partner;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PartnerReviewRepository extends JpaRepository<PartnerReview, Long> {

  List<PartnerReview> findByPartnerKeyOrderByDecidedAt(String partnerKey);
}
