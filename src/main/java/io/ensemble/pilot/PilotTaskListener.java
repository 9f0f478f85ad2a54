package io.ensemble.pilot;

import static io.ensemble.pilot.PilotSprintProcess.Var.*;

import io.ensemble.pilot.PilotSprintProcess.Activity;
import io.ensemble.pilot.PilotSprintProcess.Outcome;
import io.ensemble.pilot.PilotSprintProcess.ReviewDecision;
import io.ensemble.platform.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The people of {@code pilot-sprint}. On {@code create}: the task is named for Tasklist, its form's figures are set
 * as task-local variables (read from the pilot tables) and earlier answers are cleared, so a second review asks
 * afresh. On {@code complete}: the answers are checked on the server whatever the client (400 naming the problem,
 * the task stays open) and recorded on the pilot's timeline.
 */
@Component("pilotTaskListener")
class PilotTaskListener implements TaskListener {

  private final PilotService pilots;
  private final PilotForms forms;
  private final IdentityService identityService;

  PilotTaskListener(PilotService pilots, PilotForms forms, IdentityService identityService) {
    this.pilots = pilots;
    this.forms = forms;
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateTask task) {
    String pilotKey = task.getExecution().getProcessBusinessKey();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      created(task, pilotKey);
    } else {
      completed(task, pilotKey);
    }
  }

  private void created(DelegateTask task, String pilotKey) {
    PilotStore.Pilot pilot = pilots.pilot(pilotKey);
    switch (task.getTaskDefinitionKey()) {
      case Activity.CONFIRM_RUNBOOK -> {
        clear(task, RUNBOOK_CONFIRMED, SERVICE_DESK_READY, READINESS_NOTE);
        task.setName("Confirm runbook and service desk: " + pilot.name());
        task.setVariableLocal(PILOT_SUMMARY, forms.summary(pilot));
        task.setVariableLocal(RUNBOOK, forms.runbook(pilot));
      }
      case Activity.REVIEW_PILOT_AT_RISK -> {
        clear(task, REVIEW_DECISION, CORRECTIVE_ACTION, ACTION_OWNER, ACTION_DUE);
        task.setName("Pilot at risk: " + pilot.name() + " – " + task.getVariable(HEALTH_REASON));
        task.setVariableLocal(CHECKPOINT_FIGURES, forms.figures(pilot, checkpoint(task)));
      }
      case Activity.NOTE_RED_PILOT -> {
        clear(task, CIO_NOTE);
        task.setName("Pilot red: " + pilot.name() + " – " + task.getVariable(HEALTH_REASON));
        task.setVariableLocal(CHECKPOINT_FIGURES, forms.figures(pilot, checkpoint(task)));
      }
      case Activity.DECIDE_OUTCOME -> {
        clear(task, OUTCOME, OUTCOME_NOTE);
        task.setName("Decide go, extend or no-go: " + pilot.name());
        task.setVariableLocal(PILOT_SUMMARY, forms.summary(pilot));
        task.setVariableLocal(CHECKPOINT_HISTORY, forms.checkpointHistory(pilot));
        task.setVariableLocal(KPI_TABLE, forms.kpiTable(pilot));
        task.setVariableLocal(OPEN_ITEMS, forms.openItems(pilot));
        task.setVariableLocal(EXTENSIONS_LEFT, forms.extensionsLeft(pilot));
      }
      default -> throw new IllegalStateException("No form for task " + task.getTaskDefinitionKey());
    }
  }

  private void completed(DelegateTask task, String pilotKey) {
    String actor = actor();
    switch (task.getTaskDefinitionKey()) {
      case Activity.CONFIRM_RUNBOOK -> {
        if (!Boolean.TRUE.equals(task.getVariable(RUNBOOK_CONFIRMED))
            || !Boolean.TRUE.equals(task.getVariable(SERVICE_DESK_READY))) {
          throw new InvalidInputException(RUNBOOK_CONFIRMED + " and " + SERVICE_DESK_READY + " must both be true: "
              + "confirm when the runbook is agreed and the shared service desk takes tickets");
        }
        pilots.runbookConfirmed(pilotKey, actor, optional(task, READINESS_NOTE));
      }
      case Activity.REVIEW_PILOT_AT_RISK -> {
        ReviewDecision decision = choice(task, REVIEW_DECISION, ReviewDecision.class);
        String action = null;
        String owner = null;
        String due = null;
        if (decision == ReviewDecision.CORRECTIVE_ACTION) {
          action = text(task, CORRECTIVE_ACTION, "the corrective action");
          owner = text(task, ACTION_OWNER, "who owns the corrective action");
          due = date(task, ACTION_DUE);
        }
        pilots.reviewed(pilotKey, checkpoint(task), decision.name(), action, owner, due, actor);
      }
      case Activity.NOTE_RED_PILOT -> pilots.cioNoted(pilotKey, actor, optional(task, CIO_NOTE));
      case Activity.DECIDE_OUTCOME -> {
        Outcome outcome = choice(task, OUTCOME, Outcome.class);
        String note = outcome == Outcome.GO ? optional(task, OUTCOME_NOTE) : text(task, OUTCOME_NOTE,
            "why (required for extend and no-go)");
        pilots.decide(pilotKey, outcome, note, actor);
      }
      default -> throw new IllegalStateException("No completion rule for task " + task.getTaskDefinitionKey());
    }
  }

  private static int checkpoint(DelegateTask task) {
    return ((Number) task.getVariable(CHECKPOINT_NUMBER)).intValue();
  }

  private static void clear(DelegateTask task, String... names) {
    Arrays.stream(names).forEach(name -> task.getExecution().setVariable(name, null));
  }

  private String actor() {
    Authentication current = identityService.getCurrentAuthentication();
    return current == null ? "system" : current.getUserId();
  }

  private static <E extends Enum<E>> E choice(DelegateTask task, String name, Class<E> type) {
    Object value = task.getVariable(name);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    throw new InvalidInputException(name + " must be one of " + Arrays.toString(type.getEnumConstants())
        + (value == null ? "" : ", got '" + value + "'"));
  }

  private static String text(DelegateTask task, String name, String what) {
    String value = optional(task, name);
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(name + " is required: " + what);
    }
    return value;
  }

  private static String optional(DelegateTask task, String name) {
    Object value = task.getVariable(name);
    if (value != null && !(value instanceof String)) {
      throw new InvalidInputException(name + " must be text");
    }
    String text = value == null ? null : ((String) value).strip();
    if (text != null && text.length() > 2000) {
      throw new InvalidInputException(name + " must be at most 2000 characters");
    }
    return text;
  }

  private static String date(DelegateTask task, String name) {
    String value = text(task, name, "the due date of the corrective action (YYYY-MM-DD)");
    try {
      return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value).toString();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(name + " must be a date (YYYY-MM-DD), got '" + value + "'");
    }
  }
}
