package io.ensemble.partnerapi.events;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * Start listener of every catch event that waits for a partner event:
 * {@code <camunda:executionListener event="start" delegateExpression="${deliverPendingPartnerEvents}" />}.
 * Once the transaction that created the wait has committed, events that arrived early are delivered.
 */
@Component("deliverPendingPartnerEvents")
public class DeliverPendingPartnerEvents implements ExecutionListener {

  private final PartnerEventInbox inbox;

  DeliverPendingPartnerEvents(PartnerEventInbox inbox) {
    this.inbox = inbox;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Context.getCommandContext().getTransactionContext()
        .addTransactionListener(TransactionState.COMMITTED, committed -> inbox.deliverPendingSoon());
  }
}
