package io.ensemble.onboarding;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Test-only beans of the onboarding context. */
@TestConfiguration
class OnboardingTestConfiguration {

  /**
   * {@code PartnerOnboardingProcessTest} must cover every flow node and sequence flow of partner-onboarding
   * (100 %, compensation boundary events included through {@link CompensationCoverageBridge}); the report is
   * written to {@code target/process-test-coverage/}. Only the scenario class is measured: the other classes of
   * this context start no process, and the rollback probe deployed by one scenario is not a product model.
   */
  @Bean
  @Primary
  ProcessEngineCoverageProperties processEngineCoverageProperties() {
    return ProcessEngineCoverageProperties.builder()
        .addInclusionPatternForTestClasses("*.PartnerOnboardingProcessTest")
        .excludeProcessDefinitionKeys("onboarding-rollback-probe")
        .assertClassCoverageAtLeast(1.0)
        .build();
  }
}
