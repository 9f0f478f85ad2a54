package io.ensemble.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In production, once the engine is up: authorization must really be on, and no user may still have a demo
 * user's demo password. The passwords are compared with the stored salted hashes through the engine's own
 * password manager, not by logging in: a login attempt with a wrong password would count as a failed login
 * of a real user who happens to have a demo user's id, and lock that user out after a few restarts.
 */
@Component
@Profile(ProductionGuard.PROD)
class ProductionIdentityCheck {

  private final IdentityService identityService;
  private final ProcessEngineConfigurationImpl configuration;

  ProductionIdentityCheck(IdentityService identityService, ProcessEngineConfiguration configuration) {
    this.identityService = identityService;
    this.configuration = (ProcessEngineConfigurationImpl) configuration;
  }

  @EventListener
  public void onDeployed(ApplicationStartedEvent event) {
    if (!configuration.isAuthorizationEnabled()) {
      throw new IllegalStateException("Refusing to start in production: the engine runs with authorization disabled");
    }
    var demoPasswords = Stream.concat(
        Stream.of(Map.entry(DemoUsers.DEMO_ADMIN, DemoUsers.DEMO_ADMIN_PASSWORD)),
        DemoUsers.USERS.stream().map(u -> Map.entry(u.id(), u.password())));
    List<String> withDemoPassword = new ArrayList<>();
    demoPasswords.forEach(demo -> {
      User user = identityService.createUserQuery().userId(demo.getKey()).singleResult();
      if (user instanceof UserEntity stored && hasPassword(stored, demo.getValue())) {
        withDemoPassword.add(demo.getKey());
      }
    });
    if (!withDemoPassword.isEmpty()) {
      throw new IllegalStateException(
          "Refusing to start in production: users with demo passwords exist: " + withDemoPassword);
    }
  }

  private boolean hasPassword(UserEntity user, String password) {
    return user.getPassword() != null && configuration.getPasswordManager()
        .check(EncryptionUtil.saltPassword(password, user.getSalt()), user.getPassword());
  }
}
