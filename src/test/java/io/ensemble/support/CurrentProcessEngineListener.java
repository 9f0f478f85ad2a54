package io.ensemble.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Makes the engine of the running test's Spring context the one Camunda's REST API and authentication filter find.
 *
 * <p>Those look engines up by name ("default") in Camunda's static {@link ProcessEngines} registry, which holds one
 * engine per name for the whole JVM. With several cached Spring contexts in one test run, the engine registered
 * last wins, and a closed context (e.g. {@code @DirtiesContext}) removes the name altogether: a test would then
 * talk over REST to another context's engine, or get 404. Registered in {@code META-INF/spring.factories}.
 */
public class CurrentProcessEngineListener implements TestExecutionListener {

  @Override
  public void prepareTestInstance(TestContext testContext) {
    registerEngineOf(testContext);
  }

  @Override
  public void beforeTestMethod(TestContext testContext) {
    registerEngineOf(testContext);
  }

  private static void registerEngineOf(TestContext testContext) {
    if (testContext.hasApplicationContext()) {
      testContext.getApplicationContext().getBeanProvider(ProcessEngine.class)
          .ifAvailable(ProcessEngines::registerProcessEngine);
    }
  }
}
