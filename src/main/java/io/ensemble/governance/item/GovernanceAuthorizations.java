package io.ensemble.governance.item;

import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;

import io.ensemble.security.EnsembleGroup;
import java.util.Arrays;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What {@code governance-item} needs in the engine, and no more: every Ensemble group may raise an item from
 * Tasklist (create an instance of this one definition); the governance office and the CIO read its instances and
 * their history; the governance office retries its failed jobs. Nobody may update, modify, suspend or delete an
 * item's instance or set its variables: people act through its tasks and {@code /api/governance}. Also creates
 * the governance office's Tasklist filters. Runs at every start after the groups exist; idempotent.
 */
@Component
class GovernanceAuthorizations {

  static final String OVERDUE_FILTER = "Governance: overdue";
  static final String CRITICAL_FILTER = "Governance: critical";
  static final String GOVERNANCE_OFFICE = EnsembleGroup.GOVERNANCE_OFFICE.id();

  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;

  GovernanceAuthorizations(AuthorizationService authorizationService, FilterService filterService,
      TaskService taskService) {
    this.authorizationService = authorizationService;
    this.filterService = filterService;
    this.taskService = taskService;
  }

  @EventListener
  @Order(5)
  public void onStarted(ApplicationStartedEvent event) {
    for (EnsembleGroup group : EnsembleGroup.values()) {
      grant(group.id(), PROCESS_DEFINITION, GovernanceItemProcess.KEY, READ, CREATE_INSTANCE);
      grant(group.id(), PROCESS_INSTANCE, Authorization.ANY, CREATE);
    }
    grant(GOVERNANCE_OFFICE, PROCESS_DEFINITION, GovernanceItemProcess.KEY,
        READ_INSTANCE, READ_HISTORY, ProcessDefinitionPermissions.RETRY_JOB);
    grant(EnsembleGroup.CIO.id(), PROCESS_DEFINITION, GovernanceItemProcess.KEY, READ_INSTANCE, READ_HISTORY);

    Filter overdue = filter(OVERDUE_FILTER, 20, "Governance tasks past their due date",
        taskService.createTaskQuery().processDefinitionKey(GovernanceItemProcess.KEY).dueBeforeExpression("${now()}"));
    Filter critical = filter(CRITICAL_FILTER, 21, "Governance tasks of critical items",
        taskService.createTaskQuery().processDefinitionKey(GovernanceItemProcess.KEY)
            .taskMinPriority(ItemSeverity.CRITICAL.taskPriority()));
    grant(GOVERNANCE_OFFICE, FILTER, overdue.getId(), READ);
    grant(GOVERNANCE_OFFICE, FILTER, critical.getId(), READ);
  }

  private Filter filter(String name, int priority, String description, TaskQuery query) {
    Filter existing = filterService.createFilterQuery().filterName(name).singleResult();
    if (existing != null) {
      return existing;
    }
    return filterService.saveFilter(filterService.newTaskFilter(name).setQuery(query)
        .setProperties(Map.of("description", description, "priority", priority, "refresh", true)));
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
