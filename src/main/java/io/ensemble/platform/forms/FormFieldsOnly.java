package io.ensemble.platform.forms;

import io.ensemble.platform.InvalidInputException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person working a task may set the fields of the task's Camunda Form and nothing else: completing the task,
 * submitting its form, or writing variables through the task with any other name (say {@code partnerKey} or
 * {@code dataAccess}, which later steps would trust) is refused with 400 naming the names, before anything changes.
 * Task-local variables are not affected (they end with the task). Tasks without a Camunda Form
 * ({@code camunda:formRef}) are not restricted.
 *
 * <p>An engine command interceptor, so that it holds for every way in: engine REST, Tasklist, Java. The allowed
 * names are read from the form the task itself resolves (its {@code formRef} and binding), so that a process needs
 * no list of its own: whatever model gets a Camunda Form is protected.
 */
class FormFieldsOnly extends CommandInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(FormFieldsOnly.class);

  @Override
  public <T> T execute(Command<T> command) {
    Submission submission = Submission.of(command);
    if (submission != null && !submission.names().isEmpty()) {
      check(submission, Context.getCommandContext());
    }
    return next.execute(command);
  }

  private static void check(Submission submission, CommandContext commandContext) {
    TaskEntity task = commandContext.getTaskManager().findTaskById(submission.taskId());
    if (task == null || !hasCamundaForm(task)) {
      return; // the engine answers an unknown task itself
    }
    Set<String> allowed = commandContext.runWithoutAuthorization(
        () -> FormFields.of(new GetDeployedTaskFormCmd(submission.taskId()).execute(commandContext)));
    List<String> refused = submission.names().stream().filter(name -> !allowed.contains(name)).sorted().toList();
    if (!refused.isEmpty()) {
      LOG.warn("Refused variables {} on task {} ({}): not fields of its form", refused, task.getId(),
          task.getTaskDefinitionKey());
      throw new InvalidInputException("Task " + task.getTaskDefinitionKey() + " takes only the fields of its form "
          + allowed + "; refused: " + refused);
    }
  }

  private static boolean hasCamundaForm(TaskEntity task) {
    TaskDefinition definition = task.getTaskDefinition();
    return definition != null && definition.getFormDefinition() != null
        && definition.getFormDefinition().getCamundaFormDefinitionKey() != null;
  }

  /** The task and the variable names a command writes or removes through it (non-local). */
  record Submission(String taskId, Collection<String> names) {

    static Submission of(Command<?> command) {
      if (command instanceof CompleteTaskCmd) {
        return new Submission(field(command, "taskId"), names(field(command, "variables")));
      }
      if (command instanceof SubmitTaskFormCmd) {
        return new Submission(field(command, "taskId"), names(field(command, "properties")));
      }
      boolean taskVariables = command instanceof SetTaskVariablesCmd || command instanceof RemoveTaskVariablesCmd
          || command instanceof PatchTaskVariablesCmd;
      if (!taskVariables || isLocal(command)) {
        return null;
      }
      String taskId = field(command, "entityId");
      List<String> names = new ArrayList<>();
      if (command instanceof AbstractPatchVariablesCmd) {
        names.addAll(names(field(command, "variables")));
        Collection<String> deletions = field(command, "deletions");
        if (deletions != null) {
          names.addAll(deletions);
        }
      } else if (command instanceof RemoveTaskVariablesCmd) {
        names.addAll(field(command, "variableNames"));
      } else {
        names.addAll(names(field(command, "variables")));
      }
      return new Submission(taskId, names);
    }

    private static boolean isLocal(Command<?> command) {
      return Boolean.TRUE.equals(field(command, "isLocal"));
    }

    private static Collection<String> names(Map<String, ?> variables) {
      return variables == null ? List.of() : List.copyOf(variables.keySet());
    }

    @SuppressWarnings("unchecked")
    private static <V> V field(Object command, String name) {
      for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
        try {
          Field field = type.getDeclaredField(name);
          field.setAccessible(true);
          return (V) field.get(command);
        } catch (NoSuchFieldException e) {
          // declared higher up
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("Cannot read " + name + " of " + command.getClass().getName(), e);
        }
      }
      throw new IllegalStateException(command.getClass().getName() + " has no field " + name
          + ": the engine changed, review " + FormFieldsOnly.class.getSimpleName());
    }
  }
}
