package io.ensemble.pilot;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Test-only beans of the pilot scenario context. */
@TestConfiguration
class PilotTestConfiguration {

  /**
   * {@code PilotSprintProcessTest} must cover every flow node and sequence flow of pilot-sprint (100 %); the report
   * is written to {@code target/process-test-coverage/}. governance-item runs too (a RED checkpoint raises an
   * item), but is measured by its own scenarios.
   */
  @Bean
  @Primary
  ProcessEngineCoverageProperties processEngineCoverageProperties() {
    return ProcessEngineCoverageProperties.builder()
        .addInclusionPatternForTestClasses("*.PilotSprintProcessTest")
        .excludeProcessDefinitionKeys("governance-item")
        .assertClassCoverageAtLeast(1.0)
        .build();
  }
}
