package io.ensemble.platform;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Additions to Camunda's engine REST API (Jersey). */
@Configuration
class EngineRestConfiguration {

  @Bean
  ResourceConfigCustomizer engineRestErrors() {
    return config -> {
      for (Class<?> mapper : EngineRestErrors.MAPPERS) {
        config.register(mapper);
      }
    };
  }
}
