package io.ensemble.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Production rules, checked before anything starts: with the {@code prod} profile the application refuses
 * to run with demo data, with a demo or missing admin password, without a secrets key (or with the demo one),
 * with authorization disabled (by Camunda's property or through the engine's generic properties), with the
 * sandbox partner on (an open API that posts to any callback URL), without a public https callback URL (partners
 * would be told {@code localhost}), or with error answers that show internal messages or stack traces.
 * The remaining checks, on the engine as it runs (authorization really on, no demo user with its demo password),
 * run once the engine is up ({@link ProductionIdentityCheck}).
 */
public class ProductionGuard implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String PROD = "prod";

  /** The demo profile's documented development key for webhook secrets (application.yml); never in production. */
  static final String DEMO_SECRETS_KEY = "ZW5zZW1ibGUtZGVtby1rZXktbm90LWEtc2VjcmV0ISE=";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    if (!env.matchesProfiles(PROD)) {
      return;
    }
    List<String> problems = new ArrayList<>();
    if (env.matchesProfiles("demo")) {
      problems.add("the demo profile is active (active profiles: " + Arrays.toString(env.getActiveProfiles()) + ")");
    }
    if (!env.getProperty("camunda.bpm.authorization.enabled", Boolean.class, false)) {
      problems.add("authorization is disabled (camunda.bpm.authorization.enabled must be true)");
    }
    for (String generic : GENERIC_AUTHORIZATION_SWITCHES) {
      if ("false".equalsIgnoreCase(env.getProperty(generic, "").strip())) {
        problems.add("authorization is disabled through " + generic);
      }
    }
    if (env.getProperty("ensemble.sandbox-partner.enabled", Boolean.class, false)) {
      problems.add("the sandbox partner is enabled (ensemble.sandbox-partner.enabled must be false)");
    }
    String callbackUrl = env.getProperty("ensemble.partner-api.callback-url", "").strip();
    if (callbackUrl.isEmpty()) {
      problems.add("no public callback URL: set ENSEMBLE_CALLBACK_URL (partners would be told localhost)");
    } else if (!isPublicHttps(callbackUrl)) {
      problems.add("the callback URL must be a public https URL, got '" + callbackUrl + "'");
    }
    if ("always".equalsIgnoreCase(env.getProperty("server.error.include-message", "never"))
        || "always".equalsIgnoreCase(env.getProperty("server.error.include-stacktrace", "never"))
        || env.getProperty("server.error.include-exception", Boolean.class, false)) {
      problems.add("error answers would show internal messages (server.error.include-message, "
          + "include-stacktrace and include-exception must stay off)");
    }
    String adminPassword = env.getProperty("camunda.bpm.admin-user.password");
    if (adminPassword == null || adminPassword.isBlank()) {
      problems.add("no admin password: set ENSEMBLE_ADMIN_PASSWORD");
    } else if (isDemoPassword(adminPassword)) {
      problems.add("the admin password is a demo password: set ENSEMBLE_ADMIN_PASSWORD to a secret");
    }
    String secretsKey = env.getProperty("ensemble.secrets.key");
    if (secretsKey == null || secretsKey.isBlank()) {
      problems.add("no secrets key: set ENSEMBLE_SECRETS_KEY (base64 AES key for partner webhook secrets)");
    } else if (secretsKey.trim().equals(DEMO_SECRETS_KEY)) {
      problems.add("the secrets key is the documented demo key: set ENSEMBLE_SECRETS_KEY to a secret");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Refusing to start in production: " + String.join("; ", problems));
    }
  }

  /** The engine's own switch, reachable through Camunda's generic properties in either spelling. */
  private static final List<String> GENERIC_AUTHORIZATION_SWITCHES = List.of(
      "camunda.bpm.generic-properties.properties.authorizationEnabled",
      "camunda.bpm.generic-properties.properties.authorization-enabled");

  private static boolean isPublicHttps(String url) {
    try {
      java.net.URI uri = new java.net.URI(url);
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
      return "https".equalsIgnoreCase(uri.getScheme()) && !host.isEmpty() && !host.equals("localhost")
          && !host.startsWith("127.") && !host.equals("[::1]") && !host.equals("0.0.0.0");
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  static boolean isDemoPassword(String password) {
    return password.equals(DemoUsers.DEMO_ADMIN_PASSWORD)
        || DemoUsers.USERS.stream().anyMatch(u -> u.password().equals(password));
  }
}
