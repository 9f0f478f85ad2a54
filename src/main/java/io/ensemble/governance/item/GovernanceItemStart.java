package io.ensemble.governance.item;

import static io.ensemble.governance.item.GovernanceItemProcess.Var.ITEM_ID;

import io.ensemble.governance.item.GovernanceItemProcess.Activity;
import io.ensemble.platform.InvalidInputException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Start listener of both start events of {@code governance-item}.
 * <ul>
 *   <li>Raised by a person (Tasklist start form, engine REST start): the variables are checked (400 naming every
 *   problem), the register row is written, the business key becomes its id and the raising variables are removed,
 *   so that the item's facts live only in the register (long descriptions too).</li>
 *   <li>Reported (message {@code GovernanceItemReported}): Ensemble registered the item already
 *   ({@link GovernanceRegister#raise}); the instance claims it, once (409 for a second instance).</li>
 * </ul>
 */
@Component("governanceItemStart")
class GovernanceItemStart implements ExecutionListener {

  private final GovernanceRegister register;
  private final IdentityService identityService;

  GovernanceItemStart(GovernanceRegister register, IdentityService identityService) {
    this.register = register;
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (Activity.ITEM_REPORTED.equals(execution.getCurrentActivityId())) {
      reported(execution);
    } else {
      raisedByPerson(execution);
    }
  }

  private void raisedByPerson(DelegateExecution execution) {
    if (execution.getVariable(ITEM_ID) != null || execution.getProcessBusinessKey() != null) {
      throw new InvalidInputException("Cannot raise a governance item: its id (and business key) is assigned by "
          + "Ensemble; start without " + ITEM_ID + " and without a business key");
    }
    RaiseRequest request = RaiseRequest.of(execution.getVariables());
    Authentication caller = identityService.getCurrentAuthentication();
    Raiser raiser = caller == null
        ? Raiser.process(GovernanceItemProcess.KEY, null)
        : Raiser.person(caller.getUserId(), caller.getGroupIds() == null ? List.of() : caller.getGroupIds());
    GovernanceItem item = register.register(request, raiser);
    register.claim(item.getId(), execution.getProcessInstanceId());
    execution.removeVariables(RaiseRequest.FIELDS);
    execution.setProcessBusinessKey(item.getBusinessKey());
    execution.setVariable(ITEM_ID, item.getId());
  }

  private void reported(DelegateExecution execution) {
    Object id = execution.getVariable(ITEM_ID);
    if (!(id instanceof Long || id instanceof Integer)) {
      throw new InvalidInputException("Cannot start a governance item: " + ITEM_ID + " (Long) is required; "
          + "raise items over POST /api/governance/items");
    }
    long itemId = ((Number) id).longValue();
    if (!String.valueOf(itemId).equals(execution.getProcessBusinessKey())) {
      throw new InvalidInputException("The business key of a governance item must be its id " + itemId);
    }
    register.claim(itemId, execution.getProcessInstanceId());
    execution.setVariable(ITEM_ID, itemId);
  }
}
