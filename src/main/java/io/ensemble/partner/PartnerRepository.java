package io.ensemble.partner;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PartnerRepository extends JpaRepository<Partner, String> {

  List<Partner> findAllByOrderByName();

  boolean existsBySandboxIdAndKeyNot(String sandboxId, String partnerKey);
}
