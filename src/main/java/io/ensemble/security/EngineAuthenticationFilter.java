package io.ensemble.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;

/**
 * HTTP Basic against the engine's identity service for every API path, with the authenticated user and
 * groups set on the engine for the duration of the request, so that Camunda's authorization checks apply.
 *
 * <p>Camunda's filter leaves the engine listing ({@code /engine-rest/engine}) open; here nothing is open
 * except the health probes that orchestrators call without credentials.
 */
public class EngineAuthenticationFilter extends ProcessEngineAuthenticationFilter {

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (isHealthProbe((HttpServletRequest) request)) {
      chain.doFilter(request, response);
      return;
    }
    super.doFilter(request, response, chain);
  }

  @Override
  protected boolean requiresEngineAuthentication(String requestUrl) {
    return true;
  }

  private static boolean isHealthProbe(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
  }
}
