package io.ensemble.partnerapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.support.EmbeddedPostgresDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Partner API's tables on real PostgreSQL 17: call log, inbox with its unique key, encrypted secrets. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "postgres"})
@DirtiesContext
class PartnerApiPostgresTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired PartnerApiClient client;
  @Autowired PartnerCallLogRepository callLog;
  @Autowired PartnerEventRepository inbox;
  @Autowired WebhookSecrets secrets;
  @Autowired TestRestTemplate rest;

  @Test
  void demoPartnerCallIsLoggedOnPostgres() {
    ConformanceReport report = client.conformance(PartnerCall.of("nimbus-cloud", "pg-conformance-1"));

    assertThat(report.conformant()).isTrue();
    assertThat(callLog.findByIdempotencyKeyOrderByIdAsc("pg-conformance-1")).singleElement()
        .satisfies(entry -> {
          assertThat(entry.getHttpStatus()).isEqualTo(200);
          assertThat(entry.getOutcome()).isEqualTo(PartnerCallLog.Outcome.SUCCESS);
        });
  }

  @Test
  void signedEventIsStoredOnceOnPostgres() {
    String body = "{\"eventId\":\"pg-evt-1\",\"type\":\"opportunity.updated\",\"occurredAt\":\"" + Instant.now()
        + "\",\"data\":{\"opportunityId\":\"opp-1\",\"stage\":\"WON\"}}";
    String secret = secrets.currentSecret("orbis-delivery");

    assertThat(post("orbis-delivery", secret, body)).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(post("orbis-delivery", secret, body)).isEqualTo(HttpStatus.OK);

    assertThat(inbox.findByPartnerKeyAndEventId("orbis-delivery", "pg-evt-1")).get()
        .extracting(PartnerEvent::getStatus).isEqualTo(PartnerEvent.Status.PENDING);
    assertThat(secrets.acceptedSecrets("orbis-delivery")).containsExactly(secret);
  }

  private HttpStatus post(String partnerKey, String secret, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set(WebhookSignature.PARTNER_KEY_HEADER, partnerKey);
    headers.set(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, Instant.now().getEpochSecond(), bytes));
    return HttpStatus.valueOf(rest.exchange("/api/partner-events", HttpMethod.POST, new HttpEntity<>(bytes, headers),
        String.class).getStatusCode().value());
  }
}
