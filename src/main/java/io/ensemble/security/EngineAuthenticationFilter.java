package io.ensemble.security;

import io.ensemble.platform.Failures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;

/**
 * HTTP Basic against the engine's identity service for every API path, with the authenticated user and
 * groups set on the engine for the duration of the request, so that Camunda's authorization checks apply.
 *
 * <p>Camunda's filter leaves the engine listing ({@code /engine-rest/engine}) open; here nothing is open
 * except the health probes that orchestrators call without credentials, the partner callbacks
 * ({@code /api/partner-events}, authenticated by their HMAC signature instead) and the sandbox partner's
 * implementation of the Partner API (its behaviour and ledger endpoints stay behind HTTP Basic). The decision is
 * taken on the path the container routes (servlet path + path info, with {@code ..}, {@code ;} parameters and
 * encodings resolved), never on the raw request URI: {@code /actuator/health/../../engine-rest/user} is
 * {@code /engine-rest/user}.
 *
 * <p>The actuator's other endpoints (metrics, Prometheus) are for administrators and the monitoring group only.
 * A database that is away while authenticating is answered 503 with {@code Retry-After}, not 500.
 */
public class EngineAuthenticationFilter extends ProcessEngineAuthenticationFilter {

  static final String PARTNER_EVENTS = "/api/partner-events";
  /** The sandbox partner's Partner API operations ({@code /sandbox-partners/<key>/v1/...}), not its admin endpoints. */
  static final Pattern SANDBOX_PARTNER_API = Pattern.compile("^/sandbox-partners/[^/]+/v1/.*");
  static final Set<String> MONITORS = Set.of(EnsembleGroup.CAMUNDA_ADMIN, EnsembleGroup.MONITORING.id());

  private final IdentityService identityService;

  public EngineAuthenticationFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    HttpServletResponse httpResponse = (HttpServletResponse) response;
    String path = routedPath(http);
    if (isOpen(path)) {
      chain.doFilter(request, response);
      return;
    }
    try {
      super.doFilter(request, response, (req, res) -> {
        if (isMonitoring(path) && !isMonitor()) {
          Failures.logClientError(http.getMethod(), path, 403, "monitoring endpoint");
          writeError(httpResponse, path, new Failures.Failure(403,
              "Only " + String.join(", ", MONITORS.stream().sorted().toList()) + " may read metrics", null));
          return;
        }
        chain.doFilter(req, res);
      });
    } catch (RuntimeException | ServletException failure) {
      var known = Failures.classify(failure);
      if (known.isEmpty() || response.isCommitted()) {
        throw failure;
      }
      Failures.logAnswered(http.getMethod(), path, known.get());
      writeError(httpResponse, path, known.get());
    }
  }

  @Override
  protected boolean requiresEngineAuthentication(String requestUrl) {
    return true;
  }

  /** The path inside the application as the container routes it, normalised. */
  static String routedPath(HttpServletRequest request) {
    String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
    String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
    return servletPath + pathInfo;
  }

  static boolean isOpen(String path) {
    return path.equals("/actuator/health") || path.startsWith("/actuator/health/")
        || path.equals(PARTNER_EVENTS)
        || SANDBOX_PARTNER_API.matcher(path).matches();
  }

  private static boolean isMonitoring(String path) {
    return path.startsWith("/actuator");
  }

  private boolean isMonitor() {
    Authentication current = identityService.getCurrentAuthentication();
    List<String> groups = current == null || current.getGroupIds() == null ? List.of() : current.getGroupIds();
    return groups.stream().anyMatch(MONITORS::contains);
  }

  /** Engine REST's error shape under {@code /engine-rest}, problem+json elsewhere. */
  private static void writeError(HttpServletResponse response, String path, Failures.Failure failure)
      throws IOException {
    response.resetBuffer();
    response.setStatus(failure.status());
    if (failure.retryAfterSeconds() != null) {
      response.setHeader("Retry-After", String.valueOf(failure.retryAfterSeconds()));
    }
    String message = json(failure.message());
    String body;
    if (path.startsWith("/engine-rest")) {
      response.setContentType("application/json");
      body = "{\"type\":\"" + (failure.status() == 503 ? "ServiceUnavailableException" : "InvalidRequestException")
          + "\",\"message\":" + message + "}";
    } else {
      response.setContentType("application/problem+json");
      body = "{\"type\":\"about:blank\",\"status\":" + failure.status() + ",\"detail\":" + message + "}";
    }
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(body);
  }

  private static String json(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
