package io.ensemble.governance.item;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Test-only beans of the governance context. */
@TestConfiguration
class GovernanceTestConfiguration {

  /**
   * {@code GovernanceItemProcessTest} must cover every flow node and sequence flow of governance-item (100 %); the
   * report is written to {@code target/process-test-coverage/}. The probe process that raises an item is not a
   * product model.
   */
  @Bean
  @Primary
  ProcessEngineCoverageProperties processEngineCoverageProperties() {
    return ProcessEngineCoverageProperties.builder()
        .addInclusionPatternForTestClasses("*.GovernanceItemProcessTest")
        .excludeProcessDefinitionKeys(GovernanceTestSupport.RAISING_PROBE, GovernanceTestSupport.ROLLBACK_PROBE)
        .assertClassCoverageAtLeast(1.0)
        .build();
  }
}
