package io.ensemble.partnerapi;

import org.springframework.boot.web.server.MimeMappings;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Partner API as a whole: {@code client} calls partners, {@code events} takes their signed callbacks,
 * {@code sandbox} is the built-in partner of the demo profile and the tests.
 */
@Configuration
@EnableScheduling
class PartnerApiConfiguration {

  /** The published contract ({@code /partner-api/v1/openapi.yaml}) is served as YAML, not as a download. */
  @Bean
  WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> yamlMimeType() {
    return factory -> {
      MimeMappings mappings = new MimeMappings(MimeMappings.DEFAULT);
      mappings.add("yaml", "application/yaml");
      factory.setMimeMappings(mappings);
    };
  }
}
