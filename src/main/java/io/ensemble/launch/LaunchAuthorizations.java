package io.ensemble.launch;

import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;

import io.ensemble.security.EnsembleGroup;
import java.util.Arrays;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
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

  private final AuthorizationService authorizationService;

  LaunchAuthorizations(AuthorizationService authorizationService) {
    this.authorizationService = authorizationService;
  }

  @EventListener
  @Order(6)
  public void onStarted(ApplicationStartedEvent event) {
    String allianceManagers = EnsembleGroup.ALLIANCE_MANAGERS.id();
    grant(allianceManagers, PROCESS_DEFINITION, JointLaunchProcess.KEY, READ, CREATE_INSTANCE, READ_INSTANCE,
        READ_HISTORY);
    grant(allianceManagers, PROCESS_INSTANCE, Authorization.ANY, CREATE);
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
