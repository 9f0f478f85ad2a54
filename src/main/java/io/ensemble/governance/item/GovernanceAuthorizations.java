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
import io.ensemble.security.Grants;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
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

  private final Grants grants;
  private final FilterService filterService;
  private final TaskService taskService;

  GovernanceAuthorizations(Grants grants, FilterService filterService,
      TaskService taskService) {
    this.grants = grants;
    this.filterService = filterService;
    this.taskService = taskService;
  }

  @EventListener
  @Order(5)
  public void onStarted(ApplicationStartedEvent event) {
    for (String group : GovernanceTaskListener.GROUPS) {
      grants.grant(group, PROCESS_DEFINITION, GovernanceItemProcess.KEY, READ, CREATE_INSTANCE);
      grants.grant(group, PROCESS_INSTANCE, Authorization.ANY, CREATE);
    }
    grants.grant(GOVERNANCE_OFFICE, PROCESS_DEFINITION, GovernanceItemProcess.KEY,
        READ_INSTANCE, READ_HISTORY, ProcessDefinitionPermissions.RETRY_JOB);
    grants.grant(EnsembleGroup.CIO.id(), PROCESS_DEFINITION, GovernanceItemProcess.KEY, READ_INSTANCE, READ_HISTORY);

    Filter overdue = filter(OVERDUE_FILTER, 20, "Governance tasks past their due date",
        taskService.createTaskQuery().processDefinitionKey(GovernanceItemProcess.KEY).dueBeforeExpression("${now()}"));
    Filter critical = filter(CRITICAL_FILTER, 21, "Governance tasks of critical items",
        taskService.createTaskQuery().processDefinitionKey(GovernanceItemProcess.KEY)
            .taskMinPriority(ItemSeverity.CRITICAL.taskPriority()));
    grants.grant(GOVERNANCE_OFFICE, FILTER, overdue.getId(), READ);
    grants.grant(GOVERNANCE_OFFICE, FILTER, critical.getId(), READ);
  }

  private Filter filter(String name, int priority, String description, TaskQuery query) {
    Filter existing = filterService.createFilterQuery().filterName(name).singleResult();
    if (existing != null) {
      return existing;
    }
    return filterService.saveFilter(filterService.newTaskFilter(name).setQuery(query)
        .setProperties(Map.of("description", description, "priority", priority, "refresh", true)));
  }
}
