package io.ensemble.onboarding;

import static io.ensemble.onboarding.PartnerOnboardingProcess.Var.*;

import io.ensemble.platform.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Start listener of {@code partner-onboarding}: refuses a start with a missing, ill-typed or invalid variable
 * (400) or for a partner already onboarding or active (409) before anything is written, and stores the
 * variables in one canonical form (lists as JSON, the contract value as Long, business key = partner key).
 */
@Component("validateOnboardingStart")
class ValidateOnboardingStart implements ExecutionListener {

  private final OnboardingService onboarding;
  private final OnboardingProperties properties;

  ValidateOnboardingStart(OnboardingService onboarding, OnboardingProperties properties) {
    this.onboarding = onboarding;
    this.properties = properties;
  }

  @Override
  public void notify(DelegateExecution execution) {
    OnboardingRequest request = OnboardingRequest.of(execution.getVariables());
    String businessKey = execution.getProcessBusinessKey();
    if (businessKey != null && !businessKey.equals(request.partnerKey())) {
      throw new InvalidInputException("The business key must be the partner key '" + request.partnerKey()
          + "', got '" + businessKey + "'");
    }
    onboarding.requireNotOnboardingOrActive(request.partnerKey());
    onboarding.requireConfirmedApiBaseUrl(request.partnerKey(), request.apiBaseUrl());

    execution.setProcessBusinessKey(request.partnerKey());
    execution.setVariable(PARTNER_KEY, request.partnerKey());
    execution.setVariable(PARTNER_NAME, request.partnerName());
    execution.setVariable(JURISDICTION, request.jurisdiction());
    execution.setVariable(API_BASE_URL, request.apiBaseUrl());
    execution.setVariable(ANNUAL_CONTRACT_VALUE, request.annualContractValue());
    execution.setVariable(CAPABILITIES, SpinValues.jsonValue(request.capabilitiesJson()).create());
    execution.setVariable(CERTIFICATIONS, SpinValues.jsonValue(request.certificationsJson()).create());
    if (execution.getVariable(SANDBOX_TIMEOUT) == null) {
      execution.setVariable(SANDBOX_TIMEOUT, properties.sandboxTimeout());
    }
    execution.setVariable(SANDBOX_CHECK_INTERVAL, properties.sandboxCheckInterval());
  }
}
