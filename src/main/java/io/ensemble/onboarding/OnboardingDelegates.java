package io.ensemble.onboarding;

import static io.ensemble.onboarding.PartnerOnboardingProcess.Var.*;

import io.ensemble.partner.PartnerStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin delegates of {@code partner-onboarding}, one bean each (named as the model references them):
 * read the variables, call one partner operation or registry method, write the result.
 */
@Configuration
class OnboardingDelegates {

  private final OnboardingService onboarding;
  private final OnboardingPartnerCalls partner;
  private final OnboardingProperties properties;

  OnboardingDelegates(OnboardingService onboarding, OnboardingPartnerCalls partner,
      OnboardingProperties properties) {
    this.onboarding = onboarding;
    this.partner = partner;
    this.properties = properties;
  }

  /**
   * The partner of this onboarding is its business key, which no task completion or variable update can change
   * (process-wide facts never come from variables a person may set).
   */
  private static String key(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  @Bean
  JavaDelegate registerPartner() {
    return execution -> onboarding.register(OnboardingRequest.of(execution.getVariables()),
        execution.getProcessInstanceId());
  }

  @Bean
  ExecutionListener recordRiskAssessment() {
    return execution -> onboarding.recordRiskTier(key(execution), (String) execution.getVariable(RISK_TIER));
  }

  @Bean
  JavaDelegate checkConformance() {
    return execution -> {
      var report = partner.conformance(execution, key(execution));
      execution.setVariable(CONFORMANT, report.conformant());
      execution.setVariable(CONFORMANCE_PROBLEMS,
          OnboardingService.truncate(String.join("; ", report.problems()), 3000));
    };
  }

  @Bean
  JavaDelegate provisionSandbox() {
    return execution -> {
      onboarding.provisionedSandbox(key(execution)).ifPresent(replaced -> {
        partner.deprovisionReplacedSandbox(execution, key(execution), replaced);
        onboarding.sandboxDeprovisioned(key(execution));
      });
      String sandboxId = partner.provisionSandbox(execution, key(execution), properties.sandboxTemplate());
      onboarding.recordSandbox(key(execution), sandboxId);
      execution.setVariable(SANDBOX_ID, sandboxId);
      execution.setVariable(SANDBOX_FAILURE_REASON, null);
    };
  }

  @Bean
  JavaDelegate deprovisionSandbox() {
    return execution -> onboarding.provisionedSandbox(key(execution)).ifPresent(sandboxId -> {
      partner.deprovisionSandbox(execution, key(execution), sandboxId);
      onboarding.sandboxDeprovisioned(key(execution));
    });
  }

  @Bean
  JavaDelegate activatePartner() {
    return execution -> {
      partner.notify(execution, key(execution), "ACTIVATED",
          onboarding.partnerName(key(execution)) + " is an active Ensemble partner");
      onboarding.activate(key(execution));
    };
  }

  @Bean
  JavaDelegate recordRejection() {
    return execution -> {
      String reason = reason(execution, REJECTION_REASON, "Onboarding rejected");
      partner.notify(execution, key(execution), "REJECTED", reason);
      onboarding.close(key(execution), PartnerStatus.REJECTED, reason);
    };
  }

  @Bean
  JavaDelegate recordWithdrawal() {
    return execution -> {
      String reason = reason(execution, WITHDRAWAL_REASON, "Onboarding withdrawn");
      partner.notify(execution, key(execution), "WITHDRAWN", reason);
      onboarding.close(key(execution), PartnerStatus.WITHDRAWN, reason);
    };
  }

  private static String reason(DelegateExecution execution, String variable, String fallback) {
    Object reason = execution.getVariable(variable);
    return reason instanceof String s && !s.isBlank() ? s : fallback;
  }
}
