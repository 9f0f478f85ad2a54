package io.ensemble.onboarding;

import static io.ensemble.onboarding.PartnerOnboardingProcess.Var.*;

import io.ensemble.onboarding.PartnerOnboardingProcess.Activity;
import io.ensemble.onboarding.PartnerOnboardingProcess.ConformanceDecision;
import io.ensemble.onboarding.PartnerOnboardingProcess.ReviewOutcome;
import io.ensemble.onboarding.PartnerOnboardingProcess.StalledSandboxDecision;
import io.ensemble.platform.InvalidInputException;
import io.ensemble.security.EnsembleGroup;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The human decisions of {@code partner-onboarding}, checked on the server whatever the client: Tasklist's
 * forms enforce the same, a REST completion without a decision, or without a comment where one is required
 * (everything but an approval), is refused with 400 and the task stays open. On {@code create} the task is
 * named for Tasklist and its previous answers are cleared, so that a loop (changes requested, wait longer)
 * asks afresh.
 */
@Component("onboardingTaskListener")
class OnboardingTaskListener implements TaskListener {

  private final OnboardingService onboarding;
  private final IdentityService identityService;

  OnboardingTaskListener(OnboardingService onboarding, IdentityService identityService) {
    this.onboarding = onboarding;
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      answersOf(task.getTaskDefinitionKey()).forEach(name -> task.getExecution().setVariable(name, null));
      name(task);
      return;
    }
    switch (task.getTaskDefinitionKey()) {
      case Activity.REVIEW -> completeReview(task);
      case Activity.ADDRESS_REVIEW_FINDINGS -> text(task, CHANGES_RESPONSE, "what was changed");
      case Activity.RESOLVE_CONFORMANCE_FINDINGS -> {
        var decision = choice(task, CONFORMANCE_DECISION, ConformanceDecision.class);
        if (decision == ConformanceDecision.REJECT) {
          reject(task, "Not API conformant: " + text(task, CONFORMANCE_COMMENT, "why the partner is rejected"));
        }
      }
      case Activity.DECIDE_STALLED_SANDBOX -> {
        var decision = choice(task, STALLED_SANDBOX_DECISION, StalledSandboxDecision.class);
        if (decision == StalledSandboxDecision.REJECT) {
          reject(task, "Sandbox not provisioned: " + text(task, STALLED_SANDBOX_COMMENT, "why the partner is rejected"));
        }
      }
      case Activity.SIGN_DATA_SHARING_AGREEMENT -> {
        Object signed = task.getVariable(AGREEMENT_SIGNED);
        if (!(signed instanceof Boolean)) {
          throw new InvalidInputException(AGREEMENT_SIGNED + " (Boolean) is required");
        }
        if ((Boolean) signed) {
          text(task, AGREEMENT_REFERENCE, "the reference of the signed agreement");
        } else {
          reject(task, "Data-sharing agreement declined: " + text(task, AGREEMENT_COMMENT, "why it was declined"));
        }
      }
      default -> throw new IllegalStateException("No completion rule for task " + task.getTaskDefinitionKey());
    }
  }

  private void completeReview(DelegateTask task) {
    ReviewOutcome outcome = choice(task, REVIEW_OUTCOME, ReviewOutcome.class);
    String comment = outcome == ReviewOutcome.APPROVED
        ? (String) task.getVariable(REVIEW_COMMENT)
        : text(task, REVIEW_COMMENT, "a comment (required unless approving)");
    String group = (String) task.getVariable(REVIEW_GROUP);
    onboarding.recordReview(task.getExecution().getProcessBusinessKey(), task.getProcessInstanceId(), group,
        (String) task.getVariable(REVIEW_REASON), outcome.name(), comment, decidedBy(task));
    if (outcome == ReviewOutcome.REJECTED) {
      reject(task, "Rejected by the " + group + " review: " + comment);
    }
  }

  /**
   * What Tasklist shows: the model's business name with the partner, so that a person can tell tasks apart,
   * and for reviews the reviewing group ("Security review: Northwind Analytics"), also given to the form.
   */
  private static void name(DelegateTask task) {
    String partnerName = (String) task.getVariable(PARTNER_NAME);
    String title = task.getName();
    if (task.getTaskDefinitionKey().equals(Activity.REVIEW)
        || task.getTaskDefinitionKey().equals(Activity.ADDRESS_REVIEW_FINDINGS)) {
      String group = EnsembleGroup.displayNameOf((String) task.getVariable(REVIEW_GROUP));
      task.setVariableLocal(REVIEW_NAME, group);
      title = task.getTaskDefinitionKey().equals(Activity.REVIEW)
          ? group + " review"
          : "Address " + group.toLowerCase(Locale.ROOT) + " review findings";
    }
    task.setName(title + ": " + partnerName);
  }

  private static List<String> answersOf(String taskDefinitionKey) {
    return switch (taskDefinitionKey) {
      case Activity.REVIEW -> List.of(REVIEW_OUTCOME, REVIEW_COMMENT);
      case Activity.ADDRESS_REVIEW_FINDINGS -> List.of(CHANGES_RESPONSE);
      case Activity.RESOLVE_CONFORMANCE_FINDINGS -> List.of(CONFORMANCE_DECISION, CONFORMANCE_COMMENT);
      case Activity.DECIDE_STALLED_SANDBOX -> List.of(STALLED_SANDBOX_DECISION, STALLED_SANDBOX_COMMENT);
      case Activity.SIGN_DATA_SHARING_AGREEMENT -> List.of(AGREEMENT_SIGNED, AGREEMENT_REFERENCE, AGREEMENT_COMMENT);
      default -> List.of();
    };
  }

  private static <E extends Enum<E>> E choice(DelegateTask task, String name, Class<E> answers) {
    Object value = task.getVariable(name);
    for (E answer : answers.getEnumConstants()) {
      if (answer.name().equals(value)) {
        return answer;
      }
    }
    throw new InvalidInputException(name + " is required: one of " + Arrays.toString(answers.getEnumConstants())
        + (value == null ? "" : ", got '" + value + "'"));
  }

  private static String text(DelegateTask task, String name, String what) {
    Object value = task.getVariable(name);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new InvalidInputException(name + " is required: " + what);
    }
    return s.strip();
  }

  private static void reject(DelegateTask task, String reason) {
    task.getExecution().getProcessInstance().setVariable(REJECTION_REASON, OnboardingService.truncate(reason, 1000));
  }

  private String decidedBy(DelegateTask task) {
    Authentication current = identityService.getCurrentAuthentication();
    return current != null ? current.getUserId() : task.getAssignee();
  }
}
