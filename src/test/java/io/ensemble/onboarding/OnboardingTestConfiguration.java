package io.ensemble.onboarding;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.event.EventHandler;
import org.camunda.community.process_test_coverage.engine.platform7.CompensationEventCoverageHandler;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Test-only beans of the onboarding context. */
@TestConfiguration
class OnboardingTestConfiguration {

  /**
   * The scenario class must cover every flow node and sequence flow of partner-onboarding: the build fails
   * below 100 %. The report is written to {@code target/process-test-coverage/}.
   */
  @Bean
  @Primary
  ProcessEngineCoverageProperties processEngineCoverageProperties() {
    return ProcessEngineCoverageProperties.builder()
        .addInclusionPatternForTestClasses("*.PartnerOnboardingProcessTest")
        .assertClassCoverageAtLeast(1.0)
        .build();
  }

  /**
   * Registers the coverage extension's compensation handler before the engine builds its event handlers:
   * the Spring configuration of camunda-process-test-coverage adds it too late, and compensation boundary
   * events would then never count as covered.
   */
  @Bean
  ProcessEnginePlugin compensationCoverage() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<EventHandler> handlers = configuration.getCustomEventHandlers() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomEventHandlers());
        handlers.add(new CompensationEventCoverageHandler());
        configuration.setCustomEventHandlers(handlers);
      }
    };
  }

  /** Stands in for the partner API's inbox delivery until that branch is merged; tests correlate directly. */
  @Bean
  ExecutionListener deliverPendingPartnerEvents() {
    return execution -> {};
  }
}
