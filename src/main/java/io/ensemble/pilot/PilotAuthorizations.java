package io.ensemble.pilot;

import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;

import io.ensemble.security.EnsembleGroup;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
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

  private final AuthorizationService authorizationService;

  PilotAuthorizations(AuthorizationService authorizationService) {
    this.authorizationService = authorizationService;
  }

  @EventListener
  @Order(6)
  public void onStarted(ApplicationStartedEvent event) {
    for (EnsembleGroup group : STARTERS) {
      grant(group.id(), PROCESS_DEFINITION, PilotSprintProcess.KEY, READ, CREATE_INSTANCE);
      grant(group.id(), PROCESS_INSTANCE, Authorization.ANY, CREATE);
    }
    for (EnsembleGroup group : READERS) {
      grant(group.id(), PROCESS_DEFINITION, PilotSprintProcess.KEY, READ, READ_INSTANCE, READ_HISTORY);
    }
    grant(EnsembleGroup.GOVERNANCE_OFFICE.id(), PROCESS_DEFINITION, PilotSprintProcess.KEY,
        ProcessDefinitionPermissions.RETRY_JOB);
  }

  /** Adds the permissions to the group's grant on the resource, creating it when there is none. */
  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizationService.createAuthorizationQuery()
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId)
        .authorizationType(Authorization.AUTH_TYPE_GRANT).singleResult();
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    } else if (Arrays.stream(permissions).allMatch(authorization::isPermissionGranted)) {
      return;
    }
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizationService.saveAuthorization(authorization);
  }
}
