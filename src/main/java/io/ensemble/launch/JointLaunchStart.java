package io.ensemble.launch;

import static io.ensemble.launch.JointLaunchProcess.Var.*;

import io.ensemble.platform.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of {@code joint-launch}: refuses a start with a missing, ill-typed or invalid variable, a partner
 * that is not ACTIVE (400) or an offer key in use (409) before anything is written; then writes the offer (line-up,
 * price book, SLA terms) to its tables and keeps only small variables on the instance: business key = offer key.
 */
@Component("jointLaunchStart")
class JointLaunchStart implements ExecutionListener {

  private final LaunchService launches;

  JointLaunchStart(LaunchService launches) {
    this.launches = launches;
  }

  @Override
  public void notify(DelegateExecution execution) {
    OfferRequest request = launches.open(execution.getVariables(), execution.getProcessInstanceId());
    String businessKey = execution.getProcessBusinessKey();
    if (businessKey != null && !businessKey.equals(request.offerKey())) {
      throw new InvalidInputException("The business key must be the offer key '" + request.offerKey()
          + "', got '" + businessKey + "'");
    }
    execution.removeVariables(OfferRequest.LISTS);
    execution.setProcessBusinessKey(request.offerKey());
    execution.setVariable(OFFER_KEY, request.offerKey());
    execution.setVariable(OFFER_NAME, request.name());
    execution.setVariable(TARGET_LAUNCH_DATE, request.targetLaunchDate().toString());
    execution.setVariable(SETTLEMENT_PERIOD, request.settlementPeriod().toString());
    execution.setVariable(OUTCOME_TARGET, request.outcomeTarget() == null ? null : request.outcomeTarget().toPlainString());
    launches.pricingInputs(request.pricing()).forEach(execution::setVariable);
  }
}
