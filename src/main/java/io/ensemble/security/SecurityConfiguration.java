package io.ensemble.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration
class SecurityConfiguration {

  /** REST (engine and application) and actuator require credentials; the webapp has its own login. */
  @Bean
  FilterRegistrationBean<EngineAuthenticationFilter> engineAuthenticationFilter(
      @Value("${ensemble.security.authenticated-paths}") String[] paths, IdentityService identityService) {
    var registration = new FilterRegistrationBean<>(new EngineAuthenticationFilter(identityService));
    registration.setName("ensemble-authentication");
    registration.addUrlPatterns(paths);
    registration.addInitParameter(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
