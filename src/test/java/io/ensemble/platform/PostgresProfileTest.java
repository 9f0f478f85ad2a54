package io.ensemble.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partner.PartnerStatus;
import io.ensemble.partnerapi.client.ConformanceReport;
import io.ensemble.partnerapi.client.PartnerApiClient;
import io.ensemble.partnerapi.client.PartnerCall;
import io.ensemble.partnerapi.client.PartnerCallLog;
import io.ensemble.partnerapi.client.PartnerCallLogRepository;
import io.ensemble.partner.Partner;
import io.ensemble.partner.PartnerStatus;
import io.ensemble.partnerapi.events.PartnerEvent;
import io.ensemble.partnerapi.events.PartnerEventRepository;
import io.ensemble.partnerapi.events.WebhookSecrets;
import io.ensemble.security.DemoUsers;
import io.ensemble.support.EmbeddedPostgresDatabase;
import io.ensemble.support.PartnerEvents;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The application on real PostgreSQL 17: engine schema, Flyway migrations, JPA, REST, the Partner API's tables. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "postgres"})
@DirtiesContext // closed while PostgreSQL still runs, not in the JVM shutdown race
class PostgresProfileTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired PartnerRepository partners;
  @Autowired TestRestTemplate rest;
  @Autowired PartnerApiClient partnerApi;
  @Autowired PartnerCallLogRepository callLog;
  @Autowired PartnerEventRepository inbox;
  @Autowired WebhookSecrets webhookSecrets;

  @Test
  void engineRunsOnPostgres17() {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getDatabaseType()).isEqualTo("postgres");
    assertThat(jdbc.queryForObject("show server_version", String.class)).startsWith("17.");
  }

  @Test
  void flywayMigrationsApplied() {
    List<Boolean> results = jdbc.queryForList(
        "select success from ensemble_schema_history where version is not null", Boolean.class);
    assertThat(results).isNotEmpty().containsOnly(true);
  }

  @Test
  void partnerRegistryPersists() {
    var partner = new Partner("pg-probe", "Probe Partner", "ISV", "https://partner.example/api", PartnerStatus.ONBOARDING);
    partner.setCapabilities(List.of("API_STANDARDISATION", "PRIVACY"));
    partners.saveAndFlush(partner);

    Partner found = partners.findById("pg-probe").orElseThrow();
    assertThat(found.getCapabilities()).containsExactly("API_STANDARDISATION", "PRIVACY");
    assertThat(found.getCreatedAt()).isNotNull();
  }

  @Test
  void partnerCallIsLoggedOnPostgres() {
    ConformanceReport report = partnerApi.conformance(PartnerCall.of("nimbus-cloud", "pg-conformance-1"));

    assertThat(report.conformant()).isTrue();
    assertThat(callLog.findByIdempotencyKeyOrderByIdAsc("pg-conformance-1")).singleElement()
        .satisfies(entry -> {
          assertThat(entry.getHttpStatus()).isEqualTo(200);
          assertThat(entry.getOutcome()).isEqualTo(PartnerCallLog.Outcome.SUCCESS);
        });
  }

  @Test
  void signedPartnerEventIsStoredOnceOnPostgres() {
    // a partner being onboarded whose sandbox callback beats the commit of the provisioning step
    partners.save(new Partner("pg-onboarding", "Onboarding on PostgreSQL", "ISV",
        "http://localhost:1/sandbox-partners/pg-onboarding", PartnerStatus.ONBOARDING));
    String body = "{\"eventId\":\"pg-evt-1\",\"type\":\"sandbox.ready\",\"occurredAt\":\"" + Instant.now()
        + "\",\"data\":{\"sandboxId\":\"sbx-pg-1\"}}";
    String secret = webhookSecrets.currentSecret("pg-onboarding");

    assertThat(postEvent("pg-onboarding", secret, body)).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(postEvent("pg-onboarding", secret, body)).isEqualTo(HttpStatus.OK);

    assertThat(inbox.findByPartnerKeyAndEventId("pg-onboarding", "pg-evt-1")).get()
        .extracting(PartnerEvent::getStatus).isEqualTo(PartnerEvent.Status.PENDING);
    assertThat(webhookSecrets.acceptedSecrets("pg-onboarding")).containsExactly(secret);
  }

  private HttpStatus postEvent(String partnerKey, String secret, String body) {
    return HttpStatus.valueOf(PartnerEvents.post(rest, partnerKey, secret, Instant.now().getEpochSecond(), body)
        .getStatusCode().value());
  }

  @Test
  void restIsSecuredOnPostgresToo() {
    assertThat(rest.getForEntity("/engine-rest/engine", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth(DemoUsers.DEMO_ADMIN, DemoUsers.DEMO_ADMIN_PASSWORD)
        .getForEntity("/engine-rest/engine", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }
}
