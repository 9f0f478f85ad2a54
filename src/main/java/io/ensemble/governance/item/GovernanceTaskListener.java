package io.ensemble.governance.item;

import static io.ensemble.governance.item.GovernanceItemProcess.Var.*;

import io.ensemble.governance.item.GovernanceItemProcess.Activity;
import io.ensemble.governance.item.GovernanceItemProcess.ClosureDecision;
import io.ensemble.governance.item.GovernanceItemProcess.WorkOutcome;
import io.ensemble.platform.InvalidInputException;
import io.ensemble.security.EnsembleGroup;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The people's steps of {@code governance-item}. On {@code create}: names the task after the item ("Triage customer
 * issue: Invoice OCR misses VAT lines"), sets its priority from the severity and gives the form what it shows and
 * prefills (fields on the task's own execution, cleared for each new task). On {@code complete}: checks
 * the answers whatever the client (400, the task stays open) and writes them to the register with who gave them.
 */
@Component("governanceTaskListener")
class GovernanceTaskListener implements TaskListener {

  /** How form-js datetime fields (UTC) exchange values. */
  static final DateTimeFormatter FORM_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
      .withZone(ZoneOffset.UTC);
  static final List<String> GROUPS = Arrays.stream(EnsembleGroup.values()).map(EnsembleGroup::id).toList();

  private final GovernanceRegister register;
  private final GovernanceSla sla;
  private final IdentityService identityService;

  GovernanceTaskListener(GovernanceRegister register, GovernanceSla sla, IdentityService identityService) {
    this.register = register;
    this.sla = sla;
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateTask task) {
    GovernanceItem item = register.item(task.getExecution().getProcessBusinessKey());
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      prepare(task, item);
      return;
    }
    String businessKey = item.getBusinessKey();
    switch (task.getTaskDefinitionKey()) {
      case Activity.TRIAGE_ITEM, Activity.REASSIGN_ITEM -> triage(task, item);
      case Activity.WORK_ITEM -> {
        if (choice(task, WORK_OUTCOME, WorkOutcome.class) == WorkOutcome.RESOLVED) {
          register.resolve(businessKey, text(task, RESOLUTION, 2000, "what was done to resolve the item"), actor(task));
        } else {
          register.handBack(businessKey, text(task, HAND_BACK_REASON, 2000, "why the item goes back"), actor(task));
        }
      }
      case Activity.CONFIRM_CLOSURE -> {
        if (choice(task, CLOSURE_DECISION, ClosureDecision.class) == ClosureDecision.CLOSE) {
          register.close(businessKey, actor(task));
        } else {
          register.reopen(businessKey, text(task, REOPEN_REASON, 2000, "why the item is reopened"), actor(task));
        }
      }
      case Activity.HANDLE_RESPONSE_ESCALATION, Activity.HANDLE_RESOLUTION_ESCALATION -> register.escalationHandled(
          businessKey, String.join(",", task.getCandidates().stream().map(c -> c.getGroupId()).toList()),
          text(task, ESCALATION_ACTION, 2000, "what was done about the escalation"), actor(task));
      default -> throw new IllegalStateException("No completion rule for task " + task.getTaskDefinitionKey());
    }
  }

  private void triage(DelegateTask task, GovernanceItem item) {
    List<String> problems = new ArrayList<>();
    ItemKind kind = RaiseRequest.choice(task.getVariables(), KIND, ItemKind.class, problems);
    ItemSeverity severity = RaiseRequest.choice(task.getVariables(), SEVERITY, ItemSeverity.class, problems);
    Object owner = task.getVariable(OWNER_GROUP);
    if (!GROUPS.contains(owner)) {
      problems.add(OWNER_GROUP + " must be one of " + GROUPS + (owner == null ? "" : ", got '" + owner + "'"));
    }
    Instant resolveBy = instant(task.getVariable(RESOLVE_BY), problems);
    Object note = task.getVariable(TRIAGE_NOTE);
    if (note != null && !(note instanceof String s && s.length() <= 1000)) {
      problems.add(TRIAGE_NOTE + " must be text of at most 1000 characters");
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Cannot complete the triage: " + String.join("; ", problems));
    }
    if (FORM_DATE_TIME.format(item.getResolveBy()).equals(task.getVariable(RESOLVE_BY))) {
      // the proposed date kept; when kind or severity changed, the proposal follows what the office confirmed
      resolveBy = kind == item.getKind() && severity == item.getSeverity()
          ? item.getResolveBy() : sla.dueDates(kind, severity, item.getRaisedAt()).resolveBy();
    }
    if (!resolveBy.isAfter(GovernanceRegister.now())) {
      throw new InvalidInputException(RESOLVE_BY + " must lie in the future, got " + resolveBy);
    }
    register.triage(item.getBusinessKey(), kind, severity, (String) owner, resolveBy,
        note == null || ((String) note).isBlank() ? null : ((String) note).strip(), actor(task));
  }

  /** Name, priority and the form's variables, local to the task. */
  private static void prepare(DelegateTask task, GovernanceItem item) {
    String kind = item.getKind().label().toLowerCase(Locale.ROOT);
    String title = switch (task.getTaskDefinitionKey()) {
      case Activity.TRIAGE_ITEM -> "Triage " + kind;
      case Activity.REASSIGN_ITEM -> "Reassign handed-back " + kind;
      case Activity.WORK_ITEM -> "Resolve " + kind;
      case Activity.CONFIRM_CLOSURE -> "Confirm closure of " + kind;
      case Activity.HANDLE_RESPONSE_ESCALATION -> "Escalated: triage overdue for " + kind;
      case Activity.HANDLE_RESOLUTION_ESCALATION -> "Escalated to the CIO: resolution overdue for " + kind;
      default -> task.getName();
    };
    task.setName(title + ": " + item.getTitle());
    task.setPriority(item.getSeverity().taskPriority());
    task.setVariableLocal(ITEM_KIND_LABEL, item.getKind().label());
    task.setVariableLocal(ITEM_TITLE, item.getTitle());
    task.setVariableLocal(ITEM_DESCRIPTION, item.getDescription() == null ? ""
        : GovernanceRegister.truncate(item.getDescription(), 3000));
    task.setVariableLocal(ITEM_SUMMARY, summary(item));
    // the form's fields live on the task's execution: a completion (Tasklist or REST) writes its answers there
    var fields = task.getExecution();
    for (String answer : answersOf(task.getTaskDefinitionKey())) {
      fields.setVariableLocal(answer, null);
    }
    if (task.getTaskDefinitionKey().equals(Activity.TRIAGE_ITEM)
        || task.getTaskDefinitionKey().equals(Activity.REASSIGN_ITEM)) {
      fields.setVariableLocal(KIND, item.getKind().name());
      fields.setVariableLocal(SEVERITY, item.getSeverity().name());
      fields.setVariableLocal(OWNER_GROUP, item.getOwnerGroup());
      fields.setVariableLocal(RESOLVE_BY, FORM_DATE_TIME.format(item.getResolveBy()));
    }
  }

  private static List<String> answersOf(String taskDefinitionKey) {
    return switch (taskDefinitionKey) {
      case Activity.TRIAGE_ITEM, Activity.REASSIGN_ITEM -> List.of(TRIAGE_NOTE);
      case Activity.WORK_ITEM -> List.of(WORK_OUTCOME, RESOLUTION, HAND_BACK_REASON);
      case Activity.CONFIRM_CLOSURE -> List.of(CLOSURE_DECISION, REOPEN_REASON);
      default -> List.of(ESCALATION_ACTION);
    };
  }

  private static String summary(GovernanceItem item) {
    StringBuilder text = new StringBuilder();
    text.append("- **Item:** ").append(item.getId()).append(", ").append(item.getKind().label())
        .append(", severity ").append(item.getSeverity()).append(", ").append(item.getStatus()).append('\n');
    text.append("- **Raised by:** ").append(item.getRaisedBy()).append(" at ")
        .append(FORM_DATE_TIME.format(item.getRaisedAt())).append('\n');
    String source = source(item);
    if (!source.isEmpty()) {
      text.append("- **Source:** ").append(source).append('\n');
    }
    text.append("- **Respond by:** ").append(FORM_DATE_TIME.format(item.getRespondBy()))
        .append(" · **resolve by:** ").append(FORM_DATE_TIME.format(item.getResolveBy())).append('\n');
    if (item.getOwnerGroup() != null) {
      text.append("- **Owner:** ").append(EnsembleGroup.displayNameOf(item.getOwnerGroup())).append('\n');
    }
    if (item.getResolution() != null) {
      text.append("- **Resolution:** ").append(GovernanceRegister.truncate(item.getResolution(), 1000)).append('\n');
    }
    return text.toString();
  }

  static String source(GovernanceItem item) {
    List<String> parts = new ArrayList<>();
    if (item.getPartnerKey() != null) parts.add("partner " + item.getPartnerKey());
    if (item.getInitiativeKey() != null) parts.add("initiative " + item.getInitiativeKey());
    if (item.getPilotKey() != null) parts.add("pilot " + item.getPilotKey());
    if (item.getOfferKey() != null) parts.add("offer " + item.getOfferKey());
    if (item.getSourceProcessInstanceId() != null) parts.add("process instance " + item.getSourceProcessInstanceId());
    return String.join(", ", parts);
  }

  /** A form-js datetime ({@code 2026-12-03T14:00Z}), any ISO 8601 date-time with offset, or a date (end of day UTC). */
  static Instant instant(Object value, List<String> problems) {
    if (value instanceof String text && !text.isBlank()) {
      String s = text.strip();
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException notOffset) {
        try {
          return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
          try {
            return LocalDate.parse(s).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1);
          } catch (DateTimeParseException notDate) {
            problems.add(RESOLVE_BY + " must be an ISO 8601 date-time such as 2026-12-03T14:00Z, got '" + s + "'");
            return null;
          }
        }
      }
    }
    problems.add(RESOLVE_BY + " is required (the due date of the resolution)");
    return null;
  }

  private static <E extends Enum<E>> E choice(DelegateTask task, String name, Class<E> answers) {
    List<String> problems = new ArrayList<>();
    E answer = RaiseRequest.choice(task.getVariables(), name, answers, problems);
    if (answer == null) {
      throw new InvalidInputException(name + " is required: " + String.join("; ", problems));
    }
    return answer;
  }

  private static String text(DelegateTask task, String name, int max, String what) {
    Object value = task.getVariable(name);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new InvalidInputException(name + " is required: " + what);
    }
    if (s.strip().length() > max) {
      throw new InvalidInputException(name + " must be at most " + max + " characters");
    }
    return s.strip();
  }

  private String actor(DelegateTask task) {
    Authentication current = identityService.getCurrentAuthentication();
    if (current != null) {
      return current.getUserId();
    }
    return task.getAssignee() != null ? task.getAssignee() : "system";
  }
}
