package io.ensemble.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ensemble.EnsembleApplication;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partnerapi.sandbox.SandboxPartner;
import io.ensemble.security.DemoUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Production rules: the application refuses to start unsafe, and starts clean when safe. */
class ProductionProfileTest {

  /** A 32-byte key that is not the demo one. */
  private static final String PRODUCTION_SECRETS_KEY = "cHJvZHVjdGlvbi10ZXN0LWtleS0zMi1ieXRlcy0hISE=";

  private static final String CALLBACK = "ENSEMBLE_CALLBACK_URL=https://ensemble.example.com/api/partner-events";
  /** Everything production needs; a test adds or overrides one setting. */
  private static final String[] SAFE = {"ENSEMBLE_ADMIN_PASSWORD=correct-horse-battery-staple",
      "ENSEMBLE_SECRETS_KEY=" + PRODUCTION_SECRETS_KEY, CALLBACK};

  private static ConfigurableApplicationContext startProduction(String profiles, String... settings) {
    return startProductionOn("jdbc:h2:mem:prod-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", profiles, settings);
  }

  private static ConfigurableApplicationContext startProductionOn(String database, String profiles,
      String... settings) {
    String[] args = new String[settings.length + 3];
    args[0] = "--spring.profiles.active=" + profiles;
    args[1] = "--server.port=0";
    args[2] = "--ensemble.h2-url=" + database;
    for (int i = 0; i < settings.length; i++) {
      args[i + 3] = "--" + settings[i];
    }
    return new SpringApplicationBuilder(EnsembleApplication.class).run(args);
  }

  private static String[] safeAnd(String... settings) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(SAFE), java.util.Arrays.stream(settings))
        .toArray(String[]::new);
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
      camunda.bpm.generic-properties.properties.authorizationEnabled=false | authorization is disabled through
      camunda.bpm.generic-properties.properties.authorization-enabled=false | authorization is disabled through
      ensemble.sandbox-partner.enabled=true                               | the sandbox partner is enabled
      ensemble.partner-api.callback-url=                                  | no public callback URL
      ensemble.partner-api.callback-url=http://localhost:8080/api/partner-events | must be a public https URL
      server.error.include-message=always                                 | error answers would show internal messages
      server.error.include-stacktrace=always                              | error answers would show internal messages
      """)
  void refusesAnUnsafeSetting(String setting, String problem) {
    assertThatThrownBy(() -> startProduction("prod", safeAnd(setting)))
        .hasStackTraceContaining("Refusing to start in production")
        .hasStackTraceContaining(problem);
  }

  @Test
  void refusesAUserThatStillHasADemoPassword() {
    String database = "jdbc:h2:mem:prod-users-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    try (ConfigurableApplicationContext context = startProductionOn(database, "prod", SAFE)) {
      IdentityService identity = context.getBean(IdentityService.class);
      var sam = identity.newUser("sam");
      sam.setPassword("sam");
      identity.saveUser(sam);
    }

    assertThatThrownBy(() -> startProductionOn(database, "prod", SAFE).close())
        .hasStackTraceContaining("users with demo passwords exist: [sam]");
  }

  @Test
  void checkingForDemoPasswordsCountsNoFailedLoginAgainstARealUser() {
    String database = "jdbc:h2:mem:prod-users-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    try (ConfigurableApplicationContext context = startProductionOn(database, "prod", SAFE)) {
      IdentityService identity = context.getBean(IdentityService.class);
      var leo = identity.newUser("leo");
      leo.setPassword("leo's own long secret");
      identity.saveUser(leo);
    }
    for (int restart = 0; restart < 3; restart++) {
      startProductionOn(database, "prod", SAFE).close();
    }

    try (ConfigurableApplicationContext context = startProductionOn(database, "prod", SAFE)) {
      IdentityService identity = context.getBean(IdentityService.class);
      // the check compared salted hashes: no failed login was counted against leo, who is not locked out
      assertThat(((UserEntity) identity.createUserQuery().userId("leo").singleResult()).getAttempts()).isZero();
      assertThat(identity.checkPassword("leo", "leo's own long secret")).isTrue();
    }
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
    try (ConfigurableApplicationContext context = startProduction("prod", SAFE)) {
      IdentityService identity = context.getBean(IdentityService.class);
      assertThat(identity.createUserQuery().list()).extracting(u -> u.getId()).containsExactly("admin");
      assertThat(identity.createGroupQuery().groupId("legal").count()).isEqualTo(1);
      assertThat(context.getBeansOfType(SandboxPartner.class)).as("sandbox partner").isEmpty();
      assertThat(context.getBean(PartnerRepository.class).count()).as("demo partners").isZero();
    }
  }
}
