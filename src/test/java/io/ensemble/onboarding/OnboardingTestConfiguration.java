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
   * that the coverage extension can observe; the report is written to {@code target/process-test-coverage/}.
   * camunda-process-test-coverage 2.8.0 never marks a compensation boundary event as covered (its
   * compensation handler is invoked, but the boundary event is not recorded), so the threshold allows exactly
   * that one element of 99: the scenario {@code withdrawalAfterTheSandboxDeprovisionsItOnce} asserts that the
   * compensation ran. Only the scenario class is measured: other classes share this context without
   * starting processes.
   */
  static final double COVERAGE_WITHOUT_COMPENSATION_BOUNDARY = 98.0 / 99.0;

  @Bean
  @Primary
  ProcessEngineCoverageProperties processEngineCoverageProperties() {
    return ProcessEngineCoverageProperties.builder()
        .addInclusionPatternForTestClasses("*.PartnerOnboardingProcessTest")
        .excludeProcessDefinitionKeys("onboarding-rollback-probe")
        .assertClassCoverageAtLeast(COVERAGE_WITHOUT_COMPENSATION_BOUNDARY)
        .build();
  }
}
