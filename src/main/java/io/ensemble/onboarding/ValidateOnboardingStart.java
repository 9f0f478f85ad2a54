package io.ensemble.onboarding;

import static io.ensemble.onboarding.PartnerOnboardingProcess.Var.*;

import io.ensemble.partnerapi.client.EgressPolicy;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.platform.Failures;
import io.ensemble.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
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
  private final EgressPolicy egress;

  ValidateOnboardingStart(OnboardingService onboarding, OnboardingProperties properties, EgressPolicy egress) {
    this.onboarding = onboarding;
    this.properties = properties;
    this.egress = egress;
  }

  @Override
  public void notify(DelegateExecution execution) {
    requireStorable(execution);
    OnboardingRequest request = OnboardingRequest.of(execution.getVariables());
    String businessKey = execution.getProcessBusinessKey();
    if (businessKey != null && !businessKey.equals(request.partnerKey())) {
      throw new InvalidInputException("The business key must be the partner key '" + request.partnerKey()
          + "', got '" + businessKey + "'");
    }
    egress.violation(request.apiBaseUrl()).ifPresent(rule -> {
      throw new InvalidInputException("Cannot start partner onboarding: " + API_BASE_URL + " " + rule);
    });
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
  }

  /**
   * Before any variable is read: a Json variable must hold JSON, and no String may exceed what the engine
   * stores (long text belongs in the application's own tables). Named, instead of the engine's own failure.
   */
  private static void requireStorable(DelegateExecution execution) {
    List<String> problems = new ArrayList<>();
    for (String name : execution.getVariableNames()) {
      TypedValue value = execution.getVariableTyped(name, false);
      if (value instanceof SerializableValue serialized && !serialized.isDeserialized()
          && "application/json".equals(serialized.getSerializationDataFormat())
          && !isJson(serialized.getValueSerialized())) {
        problems.add(Failures.abbreviate(name) + " is typed Json but does not hold valid JSON");
      } else if (value != null && value.getValue() instanceof String text && text.length() > MAX_STRING) {
        problems.add(Failures.abbreviate(name) + " is " + text.length() + " characters long; a process variable "
            + "holds at most " + MAX_STRING);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Cannot start partner onboarding: " + String.join("; ", problems));
    }
  }

  /** What PostgreSQL stores in an engine String variable (TEXT_ varchar(4000)). */
  static final int MAX_STRING = 4000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static boolean isJson(String text) {
    try {
      JSON.readTree(text);
      return text != null && !text.isBlank();
    } catch (Exception e) {
      return false;
    }
  }
}
