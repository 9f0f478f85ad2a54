package io.ensemble.launch;

import static io.ensemble.launch.JointLaunchProcess.Var.*;

import io.ensemble.launch.JointLaunchProcess.Notification;
import io.ensemble.partnerapi.client.PartnerCall;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin delegates of {@code joint-launch}, one bean each (named as the model references them). The offer is the
 * business key, which no task completion can change; a multi-instance step's partner is its element variable.
 */
@Configuration
class JointLaunchDelegates {

  private final LaunchService launches;
  private final GoToMarketService goToMarket;
  private final SettlementService settlements;

  JointLaunchDelegates(LaunchService launches, GoToMarketService goToMarket, SettlementService settlements) {
    this.launches = launches;
    this.goToMarket = goToMarket;
    this.settlements = settlements;
  }

  private static String offer(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  private static PartnerCall partnerCall(DelegateExecution execution) {
    return PartnerCall.of(execution, (String) execution.getVariable(PARTNER_KEY));
  }

  private static long statement(DelegateExecution execution) {
    return ((Number) execution.getVariable(STATEMENT_ID)).longValue();
  }

  @Bean
  @SuppressWarnings("unchecked")
  ExecutionListener recordPricingDecision() {
    return execution -> {
      String deploymentId = execution.getProcessEngineServices().getRepositoryService()
          .getProcessDefinition(execution.getProcessDefinitionId()).getDeploymentId();
      launches.pricingDecided(offer(execution), (Map<String, Object>) execution.getVariable(PRICING_RESULT),
          deploymentId);
      execution.removeVariable(PRICING_RESULT);
    };
  }

  @Bean
  JavaDelegate decideRevenueShare() {
    return execution -> launches.decideShares(offer(execution));
  }

  @Bean
  JavaDelegate registerOpportunity() {
    return execution -> goToMarket.registerOpportunity(partnerCall(execution), offer(execution));
  }

  @Bean
  JavaDelegate publishOffer() {
    return execution -> goToMarket.publish(partnerCall(execution), offer(execution));
  }

  @Bean
  JavaDelegate launchOffer() {
    return execution -> goToMarket.launch(offer(execution), partner -> PartnerCall.of(execution, partner),
        settlements.settledByOutcome(offer(execution)));
  }

  @Bean
  JavaDelegate tellPartnersOfClosure() {
    return execution -> goToMarket.tellEveryPartner(offer(execution), partner -> PartnerCall.of(execution, partner),
        Notification.OFFER_CLOSED, launches.closedReason(offer(execution)));
  }

  @Bean
  ExecutionListener openSettlementPeriod() {
    return execution -> execution.setVariable(STATEMENT_ID, settlements.openPeriod(offer(execution)));
  }

  @Bean
  JavaDelegate fetchSettlementFigures() {
    return execution -> settlements.fetchFigures(partnerCall(execution), statement(execution));
  }

  @Bean
  JavaDelegate computePayouts() {
    return execution -> settlements.computePayouts(statement(execution), execution.getProcessInstanceId());
  }

  @Bean
  JavaDelegate sendStatement() {
    return execution -> settlements.send(statement(execution), partner -> PartnerCall.of(execution, partner));
  }

  @Bean
  ExecutionListener recordRetirement() {
    return execution -> settlements.retired(offer(execution));
  }
}
