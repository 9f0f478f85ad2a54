package io.ensemble.launch;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Test-only beans of the joint-launch context. */
@TestConfiguration
class LaunchTestConfiguration {

  /**
   * {@code JointLaunchProcessTest} must cover every flow node and sequence flow of joint-launch (100 %); the report is
   * written to {@code target/process-test-coverage/}. The governance items its SLA breaches raise are another model's.
   */
  @Bean
  @Primary
  ProcessEngineCoverageProperties processEngineCoverageProperties() {
    return ProcessEngineCoverageProperties.builder()
        .addInclusionPatternForTestClasses("*.JointLaunchProcessTest")
        .excludeProcessDefinitionKeys("governance-item")
        .assertClassCoverageAtLeast(1.0)
        .build();
  }
}
