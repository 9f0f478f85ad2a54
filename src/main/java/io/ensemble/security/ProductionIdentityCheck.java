package io.ensemble.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** In production, a database that still holds a demo user with its demo password stops the start. */
@Component
@Profile(ProductionGuard.PROD)
class ProductionIdentityCheck {

  private final IdentityService identityService;

  ProductionIdentityCheck(IdentityService identityService) {
    this.identityService = identityService;
  }

  @EventListener
  public void onDeployed(ApplicationStartedEvent event) {
    var withDemoPassword = DemoUsers.USERS.stream()
        .filter(u -> identityService.checkPassword(u.id(), u.password()))
        .map(DemoUsers.DemoUser::id)
        .toList();
    if (identityService.checkPassword(DemoUsers.DEMO_ADMIN, DemoUsers.DEMO_ADMIN_PASSWORD)) {
      throw new IllegalStateException("Refusing to start in production: user 'demo' has the demo password");
    }
    if (!withDemoPassword.isEmpty()) {
      throw new IllegalStateException(
          "Refusing to start in production: demo users with demo passwords exist: " + withDemoPassword);
    }
  }
}
