package io.ensemble.partnerapi.events;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * Start listener of every activity that waits for a partner event:
 * {@code <camunda:executionListener event="start" delegateExpression="${deliverPendingPartnerEvents}" />}.
 * Once the transaction that created the wait has committed, the undelivered events of the process's partner (its
 * business key) are delivered, however old: an event that came early is never lost to a time limit.
 */
@Component("deliverPendingPartnerEvents")
public class DeliverPendingPartnerEvents implements ExecutionListener {

  private final PartnerEventInbox inbox;

  DeliverPendingPartnerEvents(PartnerEventInbox inbox) {
    this.inbox = inbox;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String partnerKey = execution.getProcessBusinessKey();
    if (partnerKey == null) {
      return;
    }
    Context.getCommandContext().getTransactionContext()
        .addTransactionListener(TransactionState.COMMITTED, committed -> inbox.deliverPendingOfSoon(partnerKey));
  }
}
