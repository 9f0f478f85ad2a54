package io.ensemble.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ensemble.partnerapi.sandbox.SandboxPartner;
import io.ensemble.partnerapi.sandbox.SandboxPartnerLedger;
import io.ensemble.support.EnsembleNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The demo run (embedded H2 file database) as an operator abuses it: an Ensemble node in a process of its own is
 * killed with {@code kill -9} right after it acknowledged starts and task completions and while partner calls are
 * slow, partner callbacks fail while it is down (sent again by the partner, or reconciled), and the restarted node is then stopped with SIGTERM in the middle of a batch. The partner is
 * this test JVM's sandbox partner: its ledger outlives every node.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(EnsembleNode.Cleanup.class)
class CrashSafetyTest {

  private static final Duration START_UP = Duration.ofMinutes(4);
  // after the restart: the cut call waits out its lock (32 s here), then every slow call takes 8 s
  private static final Duration SETTLED = Duration.ofMinutes(3);

  /** The nodes' logs, kept for a look after a failure. */
  private static final Path LOGS = Path.of("target", "crash-nodes", "CrashSafetyTest");

  @LocalServerPort int partnerPort;
  @Autowired SandboxPartner sandboxPartner;
  @Autowired SandboxPartnerLedger ledger;

  @Test
  void killedOrStoppedDemoNodeLosesNothingItAcknowledged(@TempDir Path data) {
    Onboardings onboardings = new Onboardings(sandboxPartner, ledger, partnerPort);
    int port = EnsembleNode.freePort();
    List<String> arguments = onboardings.nodeArguments("--spring.profiles.active=demo",
        "--ensemble.h2-url=jdbc:h2:file:" + data.resolve("ensemble").toAbsolutePath());
    EnsembleNode first = EnsembleNode.start("demo-1", port, LOGS, arguments).awaitReady(START_UP);

    // partner calls slow enough to be cut by the kill, callbacks due while the node is down, callbacks never sent
    // 8 s: long enough for the starts and completions below to be acknowledged before the kill cuts the call
    List<String> slow = onboardings.partners("slow", 2, Map.of("latencyMillis", 8000));
    List<String> late = onboardings.partners("late", 3, Map.of("callbackDelayMillis", 3000));
    List<String> lost = onboardings.partners("lost", 2, Map.of("callbackLossRate", 1.0));
    List<String> batch = new ArrayList<>(slow);
    batch.addAll(late);
    batch.addAll(lost);
    List<String> acknowledged = new ArrayList<>(onboardings.startAll(batch, key -> first));
    List<String> reviewed = onboardings.partners("review", 2, Map.of());
    acknowledged.addAll(onboardings.startAllNeedingReview(reviewed, key -> first));
    List<String> approved = onboardings.approveSecurityReviews(first, reviewed);
    await("a slow sandbox request in flight").atMost(Duration.ofMinutes(1))
        .until(() -> slow.stream().anyMatch(key -> ledger.requests(key, "provisionSandbox") > 0));
    List<String> last = onboardings.partners("last", 3, Map.of());
    acknowledged.addAll(onboardings.startAll(last, key -> first));
    first.kill();

    assertThat(acknowledged).as("starts acknowledged before the kill")
        .hasSize(batch.size() + reviewed.size() + last.size());
    assertThat(approved).as("review completions acknowledged before the kill").hasSize(reviewed.size());
    EnsembleNode second = EnsembleNode.start("demo-2", port, LOGS, arguments).awaitReady(START_UP);
    onboardings.awaitAllSettled(second, acknowledged, SETTLED);
    var afterKill = onboardings.assertCounts(second, acknowledged);
    assertThat(afterKill.active()).as("acknowledged onboardings that reached ACTIVE after the kill")
        .isEqualTo(acknowledged.size());
    assertThat(slow).as("a sandbox request cut by the kill, sent again with its key, took effect once")
        .anySatisfy(key -> assertThat(ledger.requests(key, "provisionSandbox")).isGreaterThanOrEqualTo(2));

    // SIGTERM in the middle of a batch: jobs finish or are released, callbacks keep coming in, then the node exits
    List<String> stopped = onboardings.partners("term", 5, Map.of("latencyMillis", 1500, "callbackDelayMillis", 500));
    List<String> acknowledgedBeforeStop = onboardings.startAll(stopped, key -> second);
    await("partner calls of the batch under way").atMost(Duration.ofMinutes(1))
        .until(() -> stopped.stream().anyMatch(key -> ledger.requests(key, "conformance") > 0));
    Duration shutdown = second.terminate(Duration.ofSeconds(30));

    assertThat(shutdown).as("SIGTERM to exit").isLessThan(Duration.ofSeconds(30));
    assertOrderlyShutdown(second.log());
    EnsembleNode third = EnsembleNode.start("demo-3", port, LOGS, arguments).awaitReady(START_UP);
    onboardings.awaitAllSettled(third, acknowledgedBeforeStop, SETTLED);
    var afterStop = onboardings.assertCounts(third, acknowledgedBeforeStop);
    assertThat(afterStop.active()).isEqualTo(stopped.size());
    assertThat(third.terminate(Duration.ofSeconds(30))).isLessThan(Duration.ofSeconds(30));
    assertOrderlyShutdown(third.log());
  }

  /** Job executor first, then the web server, then the database; and no error in the node's log from SIGTERM on. */
  static void assertOrderlyShutdown(String log) {
    int stopped = log.indexOf("Shutdown: the job executor acquires no more jobs");
    assertThat(stopped).as("job executor stopped").isPositive();
    String shutdown = log.substring(log.lastIndexOf('\n', stopped) + 1);
    int jobsDone = shutdown.indexOf("running job thread(s) finished");
    int webDrains = shutdown.indexOf("Commencing graceful shutdown");
    int webDone = shutdown.indexOf("Graceful shutdown complete");
    int engineClosed = shutdown.indexOf("Process Engine default closed");
    int databaseClosed = shutdown.indexOf("HikariPool-1 - Shutdown completed");
    assertThat(jobsDone).as("running jobs finished before the web server stops").isPositive();
    assertThat(webDrains).as("web server drains after the jobs").isGreaterThan(jobsDone);
    assertThat(webDone).as("web server stopped").isGreaterThan(webDrains);
    assertThat(engineClosed).as("engine closed after the web server").isGreaterThan(webDone);
    assertThat(databaseClosed).as("database closed last").isGreaterThan(engineClosed);
    assertThat(shutdown).doesNotContain(" ERROR ", "Database is already closed", "DB_CLOSE_ON_EXIT",
        "still running after");
  }
}
