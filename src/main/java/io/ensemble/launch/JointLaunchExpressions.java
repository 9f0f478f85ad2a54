package io.ensemble.launch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * What {@code joint-launch} reads in its expressions ({@code ${jointLaunch.partners(execution)}} …), from the offer
 * tables: the facts of an offer never come from variables a person may set.
 */
@Component("jointLaunch")
public class JointLaunchExpressions {

  private final OfferStore offers;
  private final SettlementService settlements;
  private final LaunchProperties properties;

  JointLaunchExpressions(OfferStore offers, SettlementService settlements, LaunchProperties properties) {
    this.offers = offers;
    this.settlements = settlements;
    this.properties = properties;
  }

  /** The partners of the line-up, in its order: the collection of every per-partner step. */
  public List<String> partners(DelegateExecution execution) {
    return offers.partners(execution.getProcessBusinessKey()).stream().map(OfferStore.OfferPartner::partnerKey)
        .toList();
  }

  /**
   * When a go-to-market task is due: {@code ensemble.launch.go-to-market-lead} before the target launch, or half way
   * to it when that is already past; always before the launch.
   */
  public Date goToMarketDue(DelegateExecution execution) {
    Instant launch = offers.get(execution.getProcessBusinessKey()).targetLaunchDate().atStartOfDay()
        .toInstant(ZoneOffset.UTC);
    Instant due = launch.atZone(ZoneOffset.UTC).minus(properties.goToMarketLead()).toInstant();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    if (!due.isAfter(now)) {
      due = now.plus(Duration.between(now, launch).dividedBy(2));
    }
    return Date.from(due);
  }

  public boolean settledByOutcome(DelegateExecution execution) {
    return settlements.settledByOutcome(execution.getProcessBusinessKey());
  }

  public Date nextPeriodEnd(DelegateExecution execution) {
    return settlements.nextPeriodEnd(execution.getProcessBusinessKey());
  }
}
