package io.ensemble.pilot;

import static io.ensemble.pilot.PilotSprintProcess.Var.PILOT_KEY;

import io.ensemble.platform.InvalidInputException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Start listener of {@code pilot-sprint}: checks the start contract (400 naming every problem, 409 for a pilot key
 * in use), records the pilot in its tables in the starting transaction, and leaves the instance with the pilot key
 * only (business key = pilot key): a refused start leaves nothing behind, an accepted one keeps its long data in
 * the tables, whoever started it (a person, the engine REST API, a calling process).
 */
@Component("validatePilotStart")
class ValidatePilotStart implements ExecutionListener {

  private final PilotService pilots;
  private final IdentityService identityService;

  ValidatePilotStart(PilotService pilots, IdentityService identityService) {
    this.pilots = pilots;
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    PilotPlan plan = PilotPlan.of(execution.getVariables());
    String businessKey = execution.getProcessBusinessKey();
    if (businessKey != null && !businessKey.equals(plan.pilotKey())) {
      throw new InvalidInputException("The business key must be the pilot key '" + plan.pilotKey() + "', got '"
          + businessKey + "'");
    }
    Authentication caller = identityService.getCurrentAuthentication();
    pilots.start(plan, execution.getProcessInstanceId(), caller == null ? null : caller.getUserId());
    execution.removeVariables(PilotPlan.FIELDS);
    execution.setProcessBusinessKey(plan.pilotKey());
    execution.setVariable(PILOT_KEY, plan.pilotKey());
  }
}
