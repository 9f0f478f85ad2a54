package io.ensemble.launch;

import static io.ensemble.launch.JointLaunchProcess.Var.*;

import io.ensemble.launch.JointLaunchProcess.Activity;
import io.ensemble.launch.JointLaunchProcess.PricingDecision;
import io.ensemble.launch.JointLaunchProcess.RefusalDecision;
import io.ensemble.launch.JointLaunchProcess.StatementDecision;
import io.ensemble.platform.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The people's steps of {@code joint-launch}. On {@code create}: gives the form the offer as finance and the teams
 * need to see it (task-local text read from the offer tables). On {@code complete}: checks the answers whatever the
 * client (400, the task stays open) and writes them to the offer with who gave them.
 */
@Component("launchTaskListener")
class LaunchTaskListener implements TaskListener {

  private final LaunchService launches;
  private final GoToMarketService goToMarket;
  private final SettlementService settlements;
  private final OfferSummaries summaries;
  private final IdentityService identityService;

  LaunchTaskListener(LaunchService launches, GoToMarketService goToMarket, SettlementService settlements,
      OfferSummaries summaries, IdentityService identityService) {
    this.launches = launches;
    this.goToMarket = goToMarket;
    this.settlements = settlements;
    this.summaries = summaries;
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateTask task) {
    String offerKey = task.getExecution().getProcessBusinessKey();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      Object statementId = task.getExecution().getVariable(STATEMENT_ID);
      task.setVariableLocal(OFFER_SUMMARY, summaries.summary(offerKey, task.getTaskDefinitionKey(),
          statementId == null ? null : ((Number) statementId).longValue()));
      return;
    }
    switch (task.getTaskDefinitionKey()) {
      case Activity.APPROVE_PRICING -> {
        PricingDecision decision = OfferRequestChecks.choice(task, PRICING_DECISION, PricingDecision.class);
        String comment = decision == PricingDecision.APPROVE ? optional(task, FINANCE_COMMENT)
            : text(task, FINANCE_COMMENT, 2000, "what must change, or why the offer is rejected");
        launches.financeDecided(offerKey, decision, comment);
      }
      case Activity.ADJUST_OFFER -> {
        text(task, ADJUSTMENT_NOTE, 2000, "what was adjusted");
        launches.adjust(offerKey, task.getVariables()).forEach(task.getExecution()::setVariable);
      }
      case Activity.PROVIDE_COLLATERAL -> goToMarket.goToMarket(offerKey, "collateral",
          "What: " + text(task, COLLATERAL_WHAT, 600, "the collateral") + "\nWhere: "
              + text(task, COLLATERAL_WHERE, 600, "where it is") + "\nApproved by: "
              + text(task, COLLATERAL_APPROVED_BY, 200, "who approved it") + "\nBy: " + actor(task));
      case Activity.PLAN_CO_SELLING -> goToMarket.goToMarket(offerKey, "co_selling_plan",
          "Target accounts: " + text(task, TARGET_ACCOUNTS, 1000, "the target accounts") + "\nPipeline goal: "
              + pipelineGoal(task) + "\nBy: " + actor(task));
      case Activity.SPONSOR_OFFER -> goToMarket.goToMarket(offerKey, "sponsorship",
          "Our sponsor: " + text(task, OUR_SPONSOR, 200, "our executive sponsor") + "\nPartner sponsors: "
              + text(task, PARTNER_SPONSORS, 1000, "the sponsor on each partner's side") + "\nBy: " + actor(task));
      case Activity.HANDLE_OFFER_REFUSAL -> {
        RefusalDecision decision = OfferRequestChecks.choice(task, REFUSAL_DECISION, RefusalDecision.class);
        if (decision == RefusalDecision.CLOSE) {
          launches.closed(offerKey, "Closed after a partner refused the offer: "
              + text(task, REFUSAL_NOTE, 1500, "why the offer is closed"));
        }
      }
      case Activity.CONFIRM_REVENUE -> settlements.confirmRevenue(statement(task), amount(task, PERIOD_REVENUE),
          actor(task));
      case Activity.APPROVE_STATEMENT -> {
        StatementDecision decision = OfferRequestChecks.choice(task, STATEMENT_DECISION, StatementDecision.class);
        if (decision == StatementDecision.CORRECT_REVENUE) {
          text(task, STATEMENT_COMMENT, 2000, "what is wrong with the revenue");
        }
        settlements.statementDecided(statement(task), decision, actor(task));
      }
      default -> throw new IllegalStateException("No completion rule for task " + task.getTaskDefinitionKey());
    }
  }

  private static long statement(DelegateTask task) {
    return ((Number) task.getExecution().getVariable(STATEMENT_ID)).longValue();
  }

  private String actor(DelegateTask task) {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null ? "system" : authentication.getUserId();
  }

  private static String optional(DelegateTask task, String name) {
    Object value = task.getVariable(name);
    return value instanceof String s && !s.isBlank() ? GoToMarketService.truncate(s.strip(), 2000) : null;
  }

  static String text(DelegateTask task, String name, int max, String what) {
    Object value = task.getVariable(name);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new InvalidInputException(name + " is required: " + what);
    }
    if (s.strip().length() > max) {
      throw new InvalidInputException(name + " must be at most " + max + " characters");
    }
    return s.strip();
  }

  private static BigDecimal amount(DelegateTask task, String name) {
    Object value = task.getVariable(name);
    try {
      return value == null ? null : new BigDecimal(value.toString());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(name + " must be an amount, got '" + value + "'");
    }
  }

  private static String pipelineGoal(DelegateTask task) {
    BigDecimal goal = amount(task, PIPELINE_GOAL);
    if (goal == null || goal.signum() <= 0) {
      throw new InvalidInputException(PIPELINE_GOAL + " is required: a positive pipeline value");
    }
    return goal.toPlainString();
  }

  /** Enum answers of forms. */
  static final class OfferRequestChecks {
    private OfferRequestChecks() {}

    static <E extends Enum<E>> E choice(DelegateTask task, String name, Class<E> type) {
      List<String> problems = new ArrayList<>();
      E value = OfferRequest.choice(task.getVariables(), name, type, problems);
      if (value == null) {
        throw new InvalidInputException(String.join("; ", problems));
      }
      return value;
    }
  }
}
