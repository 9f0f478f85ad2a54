package io.ensemble.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;

/**
 * HTTP Basic against the engine's identity service for every API path, with the authenticated user and
 * groups set on the engine for the duration of the request, so that Camunda's authorization checks apply.
 *
 * <p>Camunda's filter leaves the engine listing ({@code /engine-rest/engine}) open; here nothing is open
 * except the health probes that orchestrators call without credentials, the partner callbacks
 * ({@code /api/partner-events}, authenticated by their HMAC signature instead) and the sandbox partner's
 * implementation of the Partner API (its behaviour and ledger endpoints stay behind HTTP Basic).
 */
public class EngineAuthenticationFilter extends ProcessEngineAuthenticationFilter {

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (isOpen((HttpServletRequest) request)) {
      chain.doFilter(request, response);
      return;
    }
    super.doFilter(request, response, chain);
  }

  @Override
  protected boolean requiresEngineAuthentication(String requestUrl) {
    return true;
  }

  static final String PARTNER_EVENTS = "/api/partner-events";
  /** The sandbox partner's Partner API operations ({@code /sandbox-partners/<key>/v1/...}), not its admin endpoints. */
  static final Pattern SANDBOX_PARTNER_API = Pattern.compile("^/sandbox-partners/[^/]+/v1/.*");

  private static boolean isOpen(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals("/actuator/health") || path.startsWith("/actuator/health/")
        || path.equals(PARTNER_EVENTS)
        || SANDBOX_PARTNER_API.matcher(path).matches();
  }
}
