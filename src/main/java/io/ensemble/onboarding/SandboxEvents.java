package io.ensemble.onboarding;

import static io.ensemble.onboarding.PartnerOnboardingProcess.Var.SANDBOX_FAILURE_REASON;
import static io.ensemble.onboarding.PartnerOnboardingProcess.Var.SANDBOX_ID;

import io.ensemble.onboarding.PartnerOnboardingProcess.Message;
import io.ensemble.partnerapi.events.PartnerEventConsumer;
import io.ensemble.partnerapi.events.PartnerEventConsumer.Subject;
import io.ensemble.partnerapi.events.WaitingProcessConsumer;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The partner events onboarding consumes: {@code sandbox.ready} and {@code sandbox.failed} for the sandbox it
 * waits for, from the partner being onboarded only.
 */
@Configuration
class SandboxEvents {

  @Bean
  PartnerEventConsumer sandboxReadyConsumer(RuntimeService runtimeService, OnboardingService onboarding) {
    return new WaitingProcessConsumer(runtimeService, "sandbox.ready", Message.SANDBOX_READY, SANDBOX_ID, Map.of(),
        (sender, sandboxId) -> whose(onboarding, sender, sandboxId));
  }

  @Bean
  PartnerEventConsumer sandboxFailedConsumer(RuntimeService runtimeService, OnboardingService onboarding) {
    return new WaitingProcessConsumer(runtimeService, "sandbox.failed", Message.SANDBOX_FAILED, SANDBOX_ID,
        Map.of("reason", SANDBOX_FAILURE_REASON), (sender, sandboxId) -> whose(onboarding, sender, sandboxId));
  }

  /**
   * The sender's sandbox as the registry records it; a sandbox not yet recorded while the sender is being onboarded
   * (its callback can beat the commit of the provisioning step) is still to come.
   */
  private static Subject whose(OnboardingService onboarding, String sender, String sandboxId) {
    if (onboarding.provisionedSandbox(sender).filter(sandboxId::equals).isPresent()) {
      return Subject.OF_SENDER;
    }
    if (onboarding.sandboxOfAnotherPartner(sender, sandboxId)) {
      return Subject.OF_ANOTHER_PARTNER;
    }
    return onboarding.isOnboarding(sender) ? Subject.NOT_YET_KNOWN : Subject.UNKNOWN;
  }
}
