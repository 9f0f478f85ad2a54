package io.ensemble.platform;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's DMN engine evaluates FEEL with parsed expressions kept ({@link CachingFeelEngine}). */
@Configuration
class DecisionEngineConfiguration {

  @Bean
  ProcessEnginePlugin cachingFeelEnginePlugin(
      @Value("${ensemble.decisions.feel-cache-size:" + CachingFeelEngineFactory.DEFAULT_MAX_ENTRIES + "}")
      int cacheSize) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
            ? configuration.getDmnEngineConfiguration()
            : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        dmn.feelEngineFactory(
            new CachingFeelEngineFactory(configuration.getDmnFeelCustomFunctionProviders(), cacheSize));
        configuration.setDmnEngineConfiguration(dmn);
      }
    };
  }
}
