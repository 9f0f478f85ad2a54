package io.ensemble.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.ensemble.partner.PartnerRepository;
import io.ensemble.partner.PartnerStatus;
import io.ensemble.support.EmbeddedPostgresDatabase;
import io.ensemble.support.StraightThroughOnboarding;
import io.ensemble.support.StraightThroughOnboarding.Started;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * No pool starvation, by construction: 64 clients start straight-through onboardings over HTTP at the same moment,
 * on PostgreSQL, with the job executor and the sandbox partner's callbacks running as in production. Every start
 * is answered 200, every partner ends ACTIVE, and no thread ever waited in vain for a connection.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=true",
        // the egress policy admits the partners of this test: the sandbox partner of this application, by URL
        "ensemble.partner-api.egress.allow[0]=http://localhost:${local.server.port}/sandbox-partners/"})
@ActiveProfiles({"demo", "postgres"})
@DirtiesContext // closed while PostgreSQL still runs; named to run after PlatformSecurityTest, whose cached
// context's webapps find their engine by name in Camunda's static registry, which closing this context empties
class PoolUnderConcurrentOnboardingsTest {

  private static final int CLIENTS = 64;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @LocalServerPort int port;
  @Autowired PartnerRepository partners;
  @Autowired MeterRegistry meters;
  @Autowired HikariDataSource pool;
  @Autowired Environment environment;
  @Autowired ProcessEngine engine;

  @Test
  void sixtyFourClientsStartOnboardingsAtOnceWithoutErrorsOrPoolTimeouts() throws Exception {
    assertThat(pool.getMaximumPoolSize()).isEqualTo(ConnectionPoolSizing.threadsHoldingConnections(environment))
        .isGreaterThanOrEqualTo(environment.getProperty("server.tomcat.threads.max", Integer.class));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Started>> starts = IntStream.range(0, CLIENTS)
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
          awaitQuietly(go);
          return StraightThroughOnboarding.start(http, "http://localhost:" + port, "concurrent-" + i);
        }, clients))
        .toList();
    go.countDown();
    List<Started> answers = starts.stream().map(CompletableFuture::join).toList();
    clients.shutdown();

    assertThat(answers).filteredOn(answer -> !answer.ok()).isEmpty();
    await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(IntStream.range(0, CLIENTS)
        .mapToObj(i -> partners.findById("concurrent-" + i).orElseThrow().getStatus()))
        .containsOnly(PartnerStatus.ACTIVE));
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    assertThat(meters.get("hikaricp.connections.timeout").counter().count()).isZero();
  }

  @Test
  void historyIsCleanedUpNightlyByEachModelsTimeToLive() {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().list())
        .allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).isNotNull().isPositive());
    assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().list())
        .allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).isNotNull().isPositive());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
