package io.ensemble.onboarding;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.event.CompensationEventHandler;
import org.camunda.bpm.engine.impl.event.EventHandler;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.community.process_test_coverage.engine.platform7.CompensationEventCoverageHandler;

/**
 * camunda-process-test-coverage 2.8.0 records a compensation boundary event in an override of the
 * five-argument {@code handleEvent} that Camunda 7.24 no longer calls (the engine's handler takes six), so
 * compensation boundary events never count as covered. This test-only bridge, installed after the extension
 * has initialised its handler, asks that handler to record the event and then compensates as the engine does.
 */
final class CompensationCoverageBridge extends CompensationEventHandler {

  private static final String COMPENSATE = EventType.COMPENSATE.name();

  private final EventHandler coverage;
  private final Method record;

  private CompensationCoverageBridge(EventHandler coverage) throws NoSuchMethodException {
    this.coverage = coverage;
    this.record = CompensationEventCoverageHandler.class
        .getDeclaredMethod("addCompensationEventCoverage", EventSubscriptionEntity.class);
    this.record.setAccessible(true);
  }

  /** Installs the bridge around the extension's handler; returns what to restore afterwards. */
  static EventHandler install(ProcessEngineConfigurationImpl configuration) throws NoSuchMethodException {
    EventHandler current = configuration.getEventHandler(COMPENSATE);
    if (current instanceof CompensationEventCoverageHandler) {
      configuration.getEventHandlers().put(COMPENSATE, new CompensationCoverageBridge(current));
    }
    return current;
  }

  static void restore(ProcessEngineConfigurationImpl configuration, EventHandler original) {
    configuration.getEventHandlers().put(COMPENSATE, original);
  }

  @Override
  public void handleEvent(EventSubscriptionEntity subscription, Object payload, Object localPayload,
      Object payloadToTriggeredScope, String businessKey, CommandContext commandContext) {
    try {
      record.invoke(coverage, subscription);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("could not record compensation coverage", e);
    }
    super.handleEvent(subscription, payload, localPayload, payloadToTriggeredScope, businessKey, commandContext);
  }
}
