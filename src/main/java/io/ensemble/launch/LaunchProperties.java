package io.ensemble.launch;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ensemble.launch.*}: how long a settlement period of an outcome-settled offer lasts (ISO 8601 period; a
 * start variable {@code settlementPeriod} overrides it per offer), and how long before the target launch the
 * go-to-market tasks are due.
 */
@ConfigurationProperties("ensemble.launch")
public record LaunchProperties(Period settlementPeriod, Period goToMarketLead) {

  public LaunchProperties {
    settlementPeriod = settlementPeriod == null ? Period.ofMonths(1) : settlementPeriod;
    goToMarketLead = goToMarketLead == null ? Period.ofDays(7) : goToMarketLead;
  }
}
