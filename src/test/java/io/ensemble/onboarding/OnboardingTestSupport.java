package io.ensemble.onboarding;

import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.context.annotation.Import;

/**
 * One Spring context for the onboarding scenario tests (H2, no job executor, process coverage on) and a real
 * HTTP partner (see {@link OnboardingHttpSupport}). Process coverage is measured for the scenario class only;
 * the classes of this context that start no process may share it.
 */
@Import({ProcessEngineCoverageConfiguration.class, OnboardingTestConfiguration.class})
abstract class OnboardingTestSupport extends OnboardingHttpSupport {
}
