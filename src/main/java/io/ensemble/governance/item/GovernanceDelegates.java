package io.ensemble.governance.item;

import io.ensemble.governance.item.GovernanceItemProcess.Notification;
import io.ensemble.partnerapi.client.PartnerApiClient;
import io.ensemble.partnerapi.client.PartnerCall;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin delegates of {@code governance-item}, one bean each (named as the model references them). A partner
 * that refuses a notification (a business 4xx) raises the BPMN error the model catches; the refusal is recorded
 * on the item's timeline first, so it is never silent. Transient failures are retried by the engine.
 */
@Configuration
class GovernanceDelegates {

  private final GovernanceRegister register;
  private final PartnerApiClient partners;

  GovernanceDelegates(GovernanceRegister register, PartnerApiClient partners) {
    this.register = register;
    this.partners = partners;
  }

  @Bean
  JavaDelegate notifyPartnerOfItem() {
    return execution -> {
      GovernanceItem item = register.item(execution.getProcessBusinessKey());
      notify(execution, item, Notification.ITEM_RAISED, item.getKind().label() + " " + item.getId() + " ("
          + item.getSeverity() + ") raised with the Ensemble governance office: " + item.getTitle());
    };
  }

  @Bean
  JavaDelegate notifyPartnerOfClosure() {
    return execution -> {
      GovernanceItem item = register.item(execution.getProcessBusinessKey());
      notify(execution, item, Notification.ITEM_CLOSED, item.getKind().label() + " " + item.getId() + " closed: "
          + GovernanceRegister.truncate(item.getResolution() == null ? item.getTitle() : item.getResolution(), 500));
    };
  }

  @Bean
  JavaDelegate recordResponseBreach() {
    return execution -> register.responseBreached(execution.getProcessBusinessKey());
  }

  @Bean
  JavaDelegate recordResolutionBreach() {
    return execution -> register.resolutionBreached(execution.getProcessBusinessKey());
  }

  private void notify(DelegateExecution execution, GovernanceItem item, String type, String summary) {
    try {
      partners.notify(PartnerCall.of(execution, item.getPartnerKey()), type, summary);
    } catch (BpmnError refused) {
      register.notificationRefused(item.getBusinessKey(), type, refused.getMessage());
      throw refused;
    }
    register.partnerNotified(item.getBusinessKey(), type);
  }
}
