package io.ensemble.governance.item;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What {@code governance-item}'s gateways, timers, due dates and candidate groups read, always from the register
 * by the business key, never from variables that a task completion could change.
 */
@Component("governanceItems")
public class GovernanceItemExpressions {

  private final GovernanceRegister register;

  GovernanceItemExpressions(GovernanceRegister register) {
    this.register = register;
  }

  public boolean concernsPartner(DelegateExecution execution) {
    return item(execution).getPartnerKey() != null;
  }

  public String status(DelegateExecution execution) {
    return item(execution).getStatus().name();
  }

  public Date respondBy(DelegateExecution execution) {
    return Date.from(item(execution).getRespondBy());
  }

  public Date resolveBy(DelegateExecution execution) {
    return Date.from(item(execution).getResolveBy());
  }

  public String ownerGroup(DelegateExecution execution) {
    String owner = item(execution).getOwnerGroup();
    if (owner == null) {
      throw new IllegalStateException("Governance item " + execution.getProcessBusinessKey() + " has no owner yet");
    }
    return owner;
  }

  private GovernanceItem item(DelegateExecution execution) {
    return register.item(execution.getProcessBusinessKey());
  }
}
