package io.ensemble.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ensemble.EnsembleApplication;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partnerapi.sandbox.SandboxPartner;
import io.ensemble.security.DemoUsers;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Production rules: the application refuses to start unsafe, and starts clean when safe. */
class ProductionProfileTest {

  /** A 32-byte key that is not the demo one. */
  private static final String PRODUCTION_SECRETS_KEY = "cHJvZHVjdGlvbi10ZXN0LWtleS0zMi1ieXRlcy0hISE=";

  private static ConfigurableApplicationContext startProduction(String profiles, String... settings) {
    String[] args = new String[settings.length + 3];
    args[0] = "--spring.profiles.active=" + profiles;
    args[1] = "--server.port=0";
    args[2] = "--ensemble.h2-url=jdbc:h2:mem:prod-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    for (int i = 0; i < settings.length; i++) {
      args[i + 3] = "--" + settings[i];
    }
    return new SpringApplicationBuilder(EnsembleApplication.class).run(args);
  }

  @Test
  void refusesTheDemoAdminPassword() {
    assertThatThrownBy(() -> startProduction("prod", "ENSEMBLE_ADMIN_PASSWORD=demo"))
        .hasStackTraceContaining("Refusing to start in production")
        .hasStackTraceContaining("demo password");
  }

  @Test
  void refusesADemoUsersPassword() {
    String demoUserPassword = DemoUsers.USERS.get(0).password();
    assertThatThrownBy(() -> startProduction("prod", "ENSEMBLE_ADMIN_PASSWORD=" + demoUserPassword))
        .hasStackTraceContaining("demo password");
  }

  @Test
  void refusesAMissingAdminPassword() {
    assertThatThrownBy(() -> startProduction("prod"))
        .hasStackTraceContaining("set ENSEMBLE_ADMIN_PASSWORD");
  }

  @Test
  void refusesDisabledAuthorization() {
    assertThatThrownBy(() -> startProduction("prod", "ENSEMBLE_ADMIN_PASSWORD=a-long-secret",
        "camunda.bpm.authorization.enabled=false"))
        .hasStackTraceContaining("authorization is disabled");
  }

  @Test
  void refusesDemoProfileAlongsideProduction() {
    assertThatThrownBy(() -> startProduction("prod,demo", "ENSEMBLE_ADMIN_PASSWORD=a-long-secret"))
        .hasStackTraceContaining("demo profile is active");
  }

  @Test
  void refusesAMissingSecretsKey() {
    assertThatThrownBy(() -> startProduction("prod", "ENSEMBLE_ADMIN_PASSWORD=a-long-secret"))
        .hasStackTraceContaining("set ENSEMBLE_SECRETS_KEY");
  }

  @Test
  void refusesTheDemoSecretsKey() {
    assertThatThrownBy(() -> startProduction("prod", "ENSEMBLE_ADMIN_PASSWORD=a-long-secret",
        "ENSEMBLE_SECRETS_KEY=" + "ZW5zZW1ibGUtZGVtby1rZXktbm90LWEtc2VjcmV0ISE="))
        .hasStackTraceContaining("documented demo key");
  }

  @Test
  void startsWithoutDemoDataWhenSafe() {
    try (ConfigurableApplicationContext context =
        startProduction("prod", "ENSEMBLE_ADMIN_PASSWORD=correct-horse-battery-staple",
            "ENSEMBLE_SECRETS_KEY=" + PRODUCTION_SECRETS_KEY)) {
      IdentityService identity = context.getBean(IdentityService.class);
      assertThat(identity.createUserQuery().list()).extracting(u -> u.getId()).containsExactly("admin");
      assertThat(identity.createGroupQuery().groupId("legal").count()).isEqualTo(1);
      assertThat(context.getBeansOfType(SandboxPartner.class)).as("sandbox partner").isEmpty();
      assertThat(context.getBean(PartnerRepository.class).count()).as("demo partners").isZero();
    }
  }
}
