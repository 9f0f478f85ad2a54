package io.ensemble.security;

import static io.ensemble.security.EnsembleGroup.*;
import static org.camunda.bpm.engine.authorization.Permissions.*;
import static org.camunda.bpm.engine.authorization.Resources.*;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates Ensemble's groups, their Tasklist filters and the authorizations each group needs, and no more
 * (README "Who may do what"). Runs in every profile at every start and is idempotent: missing groups, filters
 * and permissions are added, and permissions that no business group may hold (changing, moving, suspending or
 * deleting instances and definitions, setting their variables, working tasks of other groups) are taken away
 * from Ensemble's groups wherever they were granted, also by hand in Admin.
 *
 * <p>People change a process's state only through their tasks, or through small domain endpoints that check the
 * caller's group and then act as the application (e.g. {@code POST /api/partners/{key}/withdrawal}). Task
 * visibility needs no grant here: the engine authorizes a task's candidate groups on the task itself (with
 * {@code TASK_WORK}: claim and complete, not edit), so a group sees exactly the tasks routed to it.
 */
@Component
public class GroupSetup {

  private static final Logger LOG = LoggerFactory.getLogger(GroupSetup.class);
  static final String ANY = Authorization.ANY;

  /** Process definitions people start. */
  static final List<String> STARTABLE_BY_ALLIANCE_MANAGERS = List.of("partner-onboarding", "ecosystem-initiative");

  /** Decisions that finance may evaluate on its own (pricing and revenue share). */
  static final List<String> FINANCE_DECISIONS = List.of("pricing-model", "revenue-share");

  record Grant(Resource resource, String resourceId, Permission... permissions) {}

  static final Map<EnsembleGroup, List<Grant>> GRANTS = Map.of(
      ALLIANCE_MANAGERS, List.of(
          new Grant(PROCESS_INSTANCE, ANY, CREATE),
          new Grant(PROCESS_DEFINITION, STARTABLE_BY_ALLIANCE_MANAGERS.get(0),
              READ, CREATE_INSTANCE, READ_INSTANCE, READ_HISTORY),
          new Grant(PROCESS_DEFINITION, STARTABLE_BY_ALLIANCE_MANAGERS.get(1),
              READ, CREATE_INSTANCE, READ_INSTANCE, READ_HISTORY)),
      FINANCE, List.of(
          new Grant(DECISION_DEFINITION, FINANCE_DECISIONS.get(0), READ, CREATE_INSTANCE, READ_HISTORY),
          new Grant(DECISION_DEFINITION, FINANCE_DECISIONS.get(1), READ, CREATE_INSTANCE, READ_HISTORY)),
      GOVERNANCE_OFFICE, List.of(
          new Grant(APPLICATION, "cockpit", ACCESS),
          new Grant(PROCESS_DEFINITION, ANY, READ, READ_INSTANCE, READ_HISTORY, ProcessDefinitionPermissions.RETRY_JOB),
          new Grant(PROCESS_INSTANCE, ANY, READ),
          new Grant(DECISION_DEFINITION, ANY, READ, CREATE_INSTANCE, READ_HISTORY),
          new Grant(DECISION_REQUIREMENTS_DEFINITION, ANY, READ),
          new Grant(DEPLOYMENT, ANY, READ)),
      CIO, List.of(
          new Grant(APPLICATION, "cockpit", ACCESS),
          new Grant(PROCESS_DEFINITION, ANY, READ, READ_INSTANCE, READ_HISTORY),
          new Grant(PROCESS_INSTANCE, ANY, READ),
          new Grant(DECISION_DEFINITION, ANY, READ, READ_HISTORY),
          new Grant(DECISION_REQUIREMENTS_DEFINITION, ANY, READ),
          new Grant(DEPLOYMENT, ANY, READ)));

  /** Every group that works in Tasklist may read definitions, so that task forms and names show. */
  private static final List<Grant> EVERY_TASKLIST_GROUP = List.of(
      new Grant(APPLICATION, "tasklist", ACCESS),
      new Grant(PROCESS_DEFINITION, ANY, READ));

  /** Never held by a business group, on any definition or instance: state changes go through tasks. */
  static final Map<Resource, List<Permission>> NEVER = Map.of(
      PROCESS_DEFINITION, List.of(ProcessDefinitionPermissions.UPDATE, ProcessDefinitionPermissions.DELETE,
          ProcessDefinitionPermissions.UPDATE_INSTANCE, ProcessDefinitionPermissions.DELETE_INSTANCE,
          ProcessDefinitionPermissions.SUSPEND, ProcessDefinitionPermissions.SUSPEND_INSTANCE,
          ProcessDefinitionPermissions.UPDATE_INSTANCE_VARIABLE, ProcessDefinitionPermissions.UPDATE_TASK_VARIABLE,
          ProcessDefinitionPermissions.MIGRATE_INSTANCE, ProcessDefinitionPermissions.UPDATE_TASK,
          ProcessDefinitionPermissions.TASK_WORK, ProcessDefinitionPermissions.TASK_ASSIGN,
          ProcessDefinitionPermissions.DELETE_HISTORY, ProcessDefinitionPermissions.UPDATE_HISTORY),
      PROCESS_INSTANCE, List.of(ProcessInstancePermissions.UPDATE, ProcessInstancePermissions.DELETE,
          ProcessInstancePermissions.SUSPEND, ProcessInstancePermissions.UPDATE_VARIABLE),
      DEPLOYMENT, List.of(CREATE, UPDATE, DELETE),
      AUTHORIZATION, List.of(CREATE, UPDATE, DELETE),
      USER, List.of(CREATE, UPDATE, DELETE),
      GROUP, List.of(CREATE, UPDATE, DELETE),
      GROUP_MEMBERSHIP, List.of(CREATE, DELETE));

  public static final String MY_TASKS_FILTER = "My tasks";

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;

  GroupSetup(IdentityService identityService, AuthorizationService authorizationService,
      FilterService filterService, TaskService taskService) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.filterService = filterService;
    this.taskService = taskService;
  }

  @EventListener
  @Order(1)
  public void onDeployed(ApplicationStartedEvent event) {
    Filter myTasks = filter(MY_TASKS_FILTER, -10, "Tasks assigned to me",
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    for (EnsembleGroup group : EnsembleGroup.values()) {
      if (identityService.createGroupQuery().groupId(group.id()).count() == 0) {
        var g = identityService.newGroup(group.id());
        g.setName(group.displayName());
        g.setType("WORKFLOW");
        identityService.saveGroup(g);
        LOG.info("Created group {}", group.id());
      }
      if (group.worksInTasklist()) {
        Filter groupTasks = filter(group.displayName() + " tasks", group.ordinal(),
            "Open tasks for " + group.displayName(),
            taskService.createTaskQuery().taskCandidateGroup(group.id()).includeAssignedTasks());
        grant(group, new Grant(FILTER, groupTasks.getId(), READ));
        grant(group, new Grant(FILTER, myTasks.getId(), READ));
        EVERY_TASKLIST_GROUP.forEach(grant -> grant(group, grant));
      }
      GRANTS.getOrDefault(group, List.of()).forEach(grant -> grant(group, grant));
      revokeWhatNoBusinessGroupHolds(group);
    }
  }

  private void revokeWhatNoBusinessGroupHolds(EnsembleGroup group) {
    NEVER.forEach((resource, permissions) -> authorizationService.createAuthorizationQuery()
        .groupIdIn(group.id()).resourceType(resource).authorizationType(Authorization.AUTH_TYPE_GRANT).list()
        .forEach(authorization -> {
          List<Permission> held = permissions.stream().filter(authorization::isPermissionGranted).toList();
          if (!held.isEmpty()) {
            held.forEach(authorization::removePermission);
            authorizationService.saveAuthorization(authorization);
            LOG.warn("Revoked {} on {} {} from group {}: no business group may hold it", held,
                resource.resourceName(), authorization.getResourceId(), group.id());
          }
        }));
  }

  private Filter filter(String name, int priority, String description,
      org.camunda.bpm.engine.task.TaskQuery query) {
    Filter existing = filterService.createFilterQuery().filterName(name).singleResult();
    if (existing != null) {
      return existing;
    }
    Filter filter = filterService.newTaskFilter(name)
        .setQuery(query)
        .setProperties(Map.of("description", description, "priority", priority, "refresh", true));
    return filterService.saveFilter(filter);
  }

  /** Adds the grant, merging into the group's existing authorization for the same resource. */
  private void grant(EnsembleGroup group, Grant grant) {
    Authorization authorization = authorizationService.createAuthorizationQuery()
        .groupIdIn(group.id())
        .resourceType(grant.resource())
        .resourceId(grant.resourceId())
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .singleResult();
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(group.id());
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
    } else if (Arrays.stream(grant.permissions()).allMatch(authorization::isPermissionGranted)) {
      return;
    }
    for (Permission permission : grant.permissions()) {
      authorization.addPermission(permission);
    }
    authorizationService.saveAuthorization(authorization);
  }
}
