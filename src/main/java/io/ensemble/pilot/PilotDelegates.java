package io.ensemble.pilot;

import static io.ensemble.pilot.PilotExpressions.checkpoint;
import static io.ensemble.pilot.PilotExpressions.pilotKey;
import static io.ensemble.pilot.PilotSprintProcess.Var.*;

import io.ensemble.governance.DecisionRecord;
import io.ensemble.governance.Decisions;
import io.ensemble.partnerapi.client.PartnerApiClient;
import io.ensemble.partnerapi.client.PartnerCall;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin delegates of {@code pilot-sprint}, one bean each (named as the model references them): read the
 * variables, call one partner operation or pilot service method, write the result.
 */
@Configuration
class PilotDelegates {

  private final PilotService pilots;
  private final PartnerApiClient partners;
  private final Decisions decisions;
  private final RepositoryService repositoryService;

  PilotDelegates(PilotService pilots, PartnerApiClient partners, Decisions decisions,
      RepositoryService repositoryService) {
    this.pilots = pilots;
    this.partners = partners;
    this.decisions = decisions;
    this.repositoryService = repositoryService;
  }

  /** {@code POST /v1/pilots} for one partner of the line-up; its job names the idempotency key. */
  @Bean
  JavaDelegate enrolPartner() {
    return execution -> {
      String partnerKey = (String) execution.getVariable(PARTNER_KEY);
      var enrolment = partners.joinPilot(PartnerCall.of(execution, partnerKey), pilots.charter(pilotKey(execution)));
      pilots.enrolled(pilotKey(execution), partnerKey, enrolment);
    };
  }

  @Bean
  ExecutionListener openCheckpoint() {
    return execution -> execution.setVariable(CHECKPOINT_NUMBER, pilots.openCheckpoint(pilotKey(execution)));
  }

  /** {@code GET /v1/pilots/{id}/metrics} of one partner, for the checkpoint its element names. */
  @Bean
  JavaDelegate fetchPartnerMetrics() {
    return execution -> {
      String request = (String) execution.getVariable(METRICS_REQUEST);
      String partnerKey = PilotSprintProcess.partnerOf(request);
      var metrics = partners.pilotMetrics(PartnerCall.of(execution, partnerKey), pilotKey(execution));
      pilots.metricsFetched(pilotKey(execution), PilotSprintProcess.checkpointOf(request), partnerKey, metrics);
    };
  }

  @Bean
  JavaDelegate aggregateMetrics() {
    return execution -> {
      Aggregation figures = pilots.rate(pilotKey(execution), checkpoint(execution, CHECKPOINT_NUMBER));
      execution.setVariable(ATTAINMENT, figures.attainment());
      execution.setVariable(OPEN_CRITICAL_ISSUES, figures.openCriticalIssues());
      execution.setVariable(SLA_BREACHES, figures.slaBreaches());
    };
  }

  /**
   * End listener of the pilot-health business rule task: records the decision (inputs, the version pinned to this
   * process's deployment, outputs) and the checkpoint's health; the gateway reads plain {@code health}.
   */
  @Bean
  ExecutionListener recordPilotHealth() {
    return execution -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> result = (Map<String, Object>) execution.getVariable(HEALTH_RESULT);
      String health = (String) result.get("health");
      String reason = (String) result.get("reason");
      int checkpoint = checkpoint(execution, CHECKPOINT_NUMBER);
      Map<String, Object> inputs = new LinkedHashMap<>();
      inputs.put(ATTAINMENT, execution.getVariable(ATTAINMENT));
      inputs.put(OPEN_CRITICAL_ISSUES, execution.getVariable(OPEN_CRITICAL_ISSUES));
      inputs.put(SLA_BREACHES, execution.getVariable(SLA_BREACHES));
      inputs.put(CHECKPOINT_NUMBER, checkpoint);
      DecisionRecord record = decisions.record(healthDecision(execution), pilotKey(execution), inputs,
          Map.of("health", health, "reason", reason));
      pilots.health(pilotKey(execution), checkpoint, health, reason, record.getId());
      execution.removeVariable(HEALTH_RESULT);
      execution.setVariable(HEALTH, health);
      execution.setVariable(HEALTH_REASON, reason);
    };
  }

  @Bean
  ExecutionListener recordEscalation() {
    return execution -> pilots.escalated(pilotKey(execution), checkpoint(execution, CHECKPOINT_NUMBER),
        execution.getVariable("governanceItemId"));
  }

  @Bean
  JavaDelegate extendTimeBox() {
    return execution -> pilots.extend(pilotKey(execution));
  }

  @Bean
  JavaDelegate recordOutcome() {
    return execution -> {
      pilots.close(pilotKey(execution));
      execution.setVariable(PILOT_OUTCOME, execution.getVariable(OUTCOME));
    };
  }

  /**
   * {@code POST /v1/notifications} of go or no-go to one partner. A partner that refuses it (a business 4xx) is
   * recorded on the timeline and the pilot closes regardless: the decision stands, the refusal is visible.
   */
  @Bean
  JavaDelegate notifyPartnerOfOutcome() {
    return execution -> {
      String partnerKey = (String) execution.getVariable(PARTNER_KEY);
      String type = PilotSprintProcess.Outcome.GO.name().equals(execution.getVariable(OUTCOME))
          ? PilotSprintProcess.Notification.GO : PilotSprintProcess.Notification.NO_GO;
      var pilot = pilots.pilot(pilotKey(execution));
      String summary = "Pilot " + pilot.name() + " (" + pilot.key() + "): " + ("GO".equals(type)
          ? "go, the governance office takes it forward" : "no-go, the pilot ends here")
          + (pilot.outcomeNote() == null ? "" : ". " + PilotStore.truncate(pilot.outcomeNote(), 400));
      try {
        partners.notify(PartnerCall.of(execution, partnerKey), type, summary);
      } catch (BpmnError refused) {
        pilots.notificationRefused(pilot.key(), partnerKey, type, refused.getMessage());
        return;
      }
      pilots.partnerNotified(pilot.key(), partnerKey, type);
    };
  }

  private DecisionDefinition healthDecision(DelegateExecution execution) {
    String deploymentId = repositoryService.getProcessDefinition(execution.getProcessDefinitionId())
        .getDeploymentId();
    return repositoryService.createDecisionDefinitionQuery().deploymentId(deploymentId)
        .decisionDefinitionKey(PilotSprintProcess.HEALTH_DECISION).singleResult();
  }
}
