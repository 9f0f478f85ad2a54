package io.ensemble.governance.item;

import static io.ensemble.governance.item.GovernanceItemProcess.Var.RAISED_ITEM_ID;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * How another process raises a governance item: a send task (or a message throw event) with
 * {@code camunda:delegateExpression="${raiseGovernanceItem}"} and the item as input parameters ({@code kind},
 * {@code severity}, {@code title}, optional {@code description}, {@code partnerKey}, {@code initiativeKey},
 * {@code pilotKey}, {@code offerKey}). The item is registered and its own instance started through the message
 * {@code GovernanceItemReported}, in the raising process's transaction: a failing step raises nothing. The
 * raising instance is the item's source and receives the item's id as {@code governanceItemId}; it does not wait
 * for the item.
 */
@Component("raiseGovernanceItem")
class RaiseGovernanceItem implements JavaDelegate {

  private final GovernanceRegister register;

  RaiseGovernanceItem(GovernanceRegister register) {
    this.register = register;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> inputs = new HashMap<>();
    for (String field : RaiseRequest.FIELDS) {
      inputs.put(field, execution.getVariable(field));
    }
    ProcessDefinition definition = execution.getProcessEngineServices().getRepositoryService()
        .getProcessDefinition(execution.getProcessDefinitionId());
    GovernanceItem item = register.raise(RaiseRequest.of(inputs),
        Raiser.process(definition.getKey(), execution.getProcessInstanceId()), null).item();
    execution.getProcessInstance().setVariable(RAISED_ITEM_ID, item.getId());
  }
}
