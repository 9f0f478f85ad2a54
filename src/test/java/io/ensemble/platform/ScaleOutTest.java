package io.ensemble.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ensemble.onboarding.PartnerOnboardingProcess;
import io.ensemble.partnerapi.sandbox.SandboxPartner;
import io.ensemble.partnerapi.sandbox.SandboxPartnerLedger;
import io.ensemble.support.EmbeddedPostgresDatabase;
import io.ensemble.support.EnsembleNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Scale-out on Camunda's own terms: two Ensemble nodes on one PostgreSQL share the job executor's work; the partner is
 * this test JVM's sandbox partner, a third process whose ledger outlives both nodes. One node is killed with SIGKILL
 * in the middle of a batch; the other finishes every onboarding, takes over the dead node's locked jobs within a
 * minute, and reconciles the callbacks the partner can no longer deliver to the dead node.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(EnsembleNode.Cleanup.class)
class ScaleOutTest {

  private static final Duration START_UP = Duration.ofMinutes(4);

  /** The nodes' logs, kept for a look after a failure. */
  private static final Path LOGS = Path.of("target", "crash-nodes", "ScaleOutTest");

  @LocalServerPort int partnerPort;
  @Autowired SandboxPartner sandboxPartner;
  @Autowired SandboxPartnerLedger ledger;

  @Test
  void twoNodesOnOnePostgresLoseNothingWhenOneIsKilled() throws SQLException {
    Onboardings onboardings = new Onboardings(sandboxPartner, ledger, partnerPort);
    String url = EmbeddedPostgresDatabase.newDatabase();
    List<String> arguments = onboardings.nodeArguments("--spring.profiles.active=demo,postgres",
        "--ENSEMBLE_DB_URL=" + url, "--ENSEMBLE_DB_USER=postgres", "--ENSEMBLE_DB_PASSWORD=postgres");
    // one after the other: the first creates the schema
    EnsembleNode doomed = EnsembleNode.start("pg-a", EnsembleNode.freePort(), LOGS, arguments).awaitReady(START_UP);
    EnsembleNode survivor = EnsembleNode.start("pg-b", EnsembleNode.freePort(), LOGS, arguments)
        .awaitReady(START_UP);

    List<String> batch = new ArrayList<>();
    List<String> slow = onboardings.partners("pg-slow", 4, Map.of("latencyMillis", 3000));
    batch.addAll(slow);
    batch.addAll(onboardings.partners("pg-late", 4, Map.of("callbackDelayMillis", 3000)));
    batch.addAll(onboardings.partners("pg-lost", 3, Map.of("callbackLossRate", 1.0)));
    batch.addAll(onboardings.partners("pg-plain", 3, Map.of()));
    List<String> acknowledged = onboardings.startAll(batch,
        key -> batch.indexOf(key) % 2 == 0 ? doomed : survivor);
    assertThat(acknowledged).as("acknowledged starts").hasSize(batch.size());

    try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres")) {
      JdbcTemplate database = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
      await("slow partner calls under way").atMost(Duration.ofMinutes(1))
          .until(() -> slow.stream().anyMatch(key -> ledger.requests(key, "provisionSandbox") > 0));
      List<String> lockedAtKill = database.queryForList(
          "select id_ from act_ru_job where lock_owner_ is not null and lock_exp_time_ > now()", String.class);
      doomed.kill();
      long killed = System.nanoTime();

      await("jobs locked when the node died run again").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500)).until(() -> lockedAtKill.isEmpty() || database.queryForObject(
              "select count(*) from act_ru_job where id_ in (" + String.join(",",
                  lockedAtKill.stream().map(id -> "'" + id + "'").toList()) + ")", Long.class) == 0);
      Duration recovery = Duration.ofNanos(System.nanoTime() - killed);
      System.out.println("Scale-out: " + lockedAtKill.size() + " job(s) locked at the kill, all run again after "
          + recovery.toSeconds() + " s");

      onboardings.awaitAllSettled(survivor, acknowledged, Duration.ofMinutes(2));
      var counts = onboardings.assertCounts(survivor, acknowledged);
      assertThat(counts.active()).as("onboardings ACTIVE").isEqualTo(acknowledged.size());
      assertThat(database.queryForObject("select count(*) from act_ru_job where process_def_key_ = ?", Long.class,
          PartnerOnboardingProcess.KEY)).as("orphan jobs").isZero();
      // every sandbox outcome reached its onboarding once: callback, partner's retry or reconciliation
      assertThat(database.queryForList("select count(*) from partner_event where status = 'DELIVERED' "
          + "and event_type = 'sandbox.ready' and partner_key like 'pg-%' group by correlation_value", Long.class))
          .as("sandbox.ready delivered per sandbox").hasSize(acknowledged.size()).containsOnly(1L);
      System.out.println("Scale-out: reconciled from the partner's state: " + database.queryForObject(
          "select count(*) from partner_event where event_id like 'reconciled:%'", Long.class));
    }
    assertThat(survivor.terminate(Duration.ofSeconds(30))).isLessThan(Duration.ofSeconds(30));
    CrashSafetyTest.assertOrderlyShutdown(survivor.log());
  }
}
