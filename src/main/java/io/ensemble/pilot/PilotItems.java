package io.ensemble.pilot;

import io.ensemble.governance.item.GovernanceItem;
import io.ensemble.governance.item.GovernanceItemRepository;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The governance items of a pilot: those raised for its key by a person or a process, and those its own partners
 * raised (a partner's {@code customer.issue} names the pilot itself, so an item from a partner outside the line-up
 * is not the pilot's, whatever pilot it names).
 */
@Component
class PilotItems {

  private final GovernanceItemRepository items;

  PilotItems(GovernanceItemRepository items) {
    this.items = items;
  }

  @Transactional(readOnly = true)
  List<GovernanceItem> of(String pilotKey, List<String> lineUp) {
    Set<String> partners = Set.copyOf(lineUp);
    return items.findAll((root, query, cb) -> cb.equal(root.get("pilotKey"), pilotKey),
            Sort.by(Sort.Order.asc("raisedAt"), Sort.Order.asc("id"))).stream()
        .filter(item -> item.getPartnerKey() == null || partners.contains(item.getPartnerKey()))
        .toList();
  }
}
