package io.ensemble.platform;

import java.util.List;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;

/** The FEEL engine of Ensemble's decisions: Camunda's Scala FEEL engine with parsed expressions kept. */
public class CachingFeelEngineFactory implements FeelEngineFactory {

  /** Far more than all deployed tables hold (a few hundred distinct texts), small enough to be harmless. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  private final List<FeelCustomFunctionProvider> functionProviders;
  private final int maxEntries;

  public CachingFeelEngineFactory() {
    this(List.of(), DEFAULT_MAX_ENTRIES);
  }

  public CachingFeelEngineFactory(List<FeelCustomFunctionProvider> functionProviders, int maxEntries) {
    this.functionProviders = functionProviders == null ? List.of() : functionProviders;
    this.maxEntries = maxEntries;
  }

  @Override
  public FeelEngine createInstance() {
    return new CachingFeelEngine(functionProviders, maxEntries);
  }
}
