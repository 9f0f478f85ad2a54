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
 * or with authorization disabled.
 * The remaining check, that no demo user's password still works, runs once the engine is up
 * ({@link ProductionIdentityCheck}).
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

  static boolean isDemoPassword(String password) {
    return password.equals(DemoUsers.DEMO_ADMIN_PASSWORD)
        || DemoUsers.USERS.stream().anyMatch(u -> u.password().equals(password));
  }
}
