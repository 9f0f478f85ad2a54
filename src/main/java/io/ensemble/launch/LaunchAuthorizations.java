package io.ensemble.launch;

import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;

import io.ensemble.security.EnsembleGroup;
import io.ensemble.security.Grants;
import org.camunda.bpm.engine.authorization.Authorization;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What {@code joint-launch} needs in the engine, and no more: alliance managers start it (create an instance of this
 * one definition) and read its instances and history. Finance, sales and executives work their tasks (the engine
 * authorizes candidate groups on the task) and read offers through {@code /api/offers}; the governance office reads
 * every instance and retries failed jobs (README "Who may do what"). Nobody may update, modify, suspend or delete an
 * offer's instance or set its variables. Runs at every start after the groups exist; idempotent.
 */
@Component
class LaunchAuthorizations {

  private final Grants grants;

  LaunchAuthorizations(Grants grants) {
    this.grants = grants;
  }

  @EventListener
  @Order(6)
  public void onStarted(ApplicationStartedEvent event) {
    String allianceManagers = EnsembleGroup.ALLIANCE_MANAGERS.id();
    grants.grant(allianceManagers, PROCESS_DEFINITION, JointLaunchProcess.KEY, READ, CREATE_INSTANCE, READ_INSTANCE,
        READ_HISTORY);
    grants.grant(allianceManagers, PROCESS_INSTANCE, Authorization.ANY, CREATE);
  }
}
