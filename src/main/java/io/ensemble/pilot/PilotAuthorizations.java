package io.ensemble.pilot;

import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;

import io.ensemble.security.EnsembleGroup;
import io.ensemble.security.Grants;
import java.util.List;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What {@code pilot-sprint} needs in the engine, and no more: the governance office and the alliance managers start
 * pilots (Tasklist, engine REST) and, with the CIO, read their instances and history; only the governance office
 * retries their failed jobs (a partner that stopped answering). Nobody may update, modify, suspend or delete a
 * pilot's instance or set its variables: people act through its tasks. Runs at every start after the groups
 * exist; idempotent.
 */
@Component
class PilotAuthorizations {

  static final List<EnsembleGroup> STARTERS = List.of(EnsembleGroup.GOVERNANCE_OFFICE,
      EnsembleGroup.ALLIANCE_MANAGERS);
  static final List<EnsembleGroup> READERS = List.of(EnsembleGroup.GOVERNANCE_OFFICE,
      EnsembleGroup.ALLIANCE_MANAGERS, EnsembleGroup.CIO);

  private final Grants grants;

  PilotAuthorizations(Grants grants) {
    this.grants = grants;
  }

  @EventListener
  @Order(6)
  public void onStarted(ApplicationStartedEvent event) {
    for (EnsembleGroup group : STARTERS) {
      grants.grant(group.id(), PROCESS_DEFINITION, PilotSprintProcess.KEY, READ, CREATE_INSTANCE);
      grants.grant(group.id(), PROCESS_INSTANCE, Authorization.ANY, CREATE);
    }
    for (EnsembleGroup group : READERS) {
      grants.grant(group.id(), PROCESS_DEFINITION, PilotSprintProcess.KEY, READ, READ_INSTANCE, READ_HISTORY);
    }
    grants.grant(EnsembleGroup.GOVERNANCE_OFFICE.id(), PROCESS_DEFINITION, PilotSprintProcess.KEY,
        ProcessDefinitionPermissions.RETRY_JOB);
  }
}
