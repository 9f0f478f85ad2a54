package io.ensemble.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariDataSource;
import io.ensemble.platform.CachingFeelEngineFactory;
import io.ensemble.support.EmbeddedPostgresDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The benchmark ({@code ./mvnw -Pbench verify}; not part of the normal test run): one embedded PostgreSQL, the
 * application as shipped (demo and postgres profiles, history level full, job executor on, the built-in sandbox
 * partner on loopback), measured in one run so that every ratio compares numbers taken under the same load:
 * <ol>
 *   <li>the {@code pricing-model} decision on the standalone DMN engine (Ensemble's FEEL engine and Camunda's);</li>
 *   <li>the engine's floor: start → end and start → async no-op → end;</li>
 *   <li>straight-through onboardings over HTTP at rising client counts: start latency p50/p99, completed/s, with a
 *       CPU profile (JFR) of one level, and the database growth;</li>
 *   <li>the decision through REST.</li>
 * </ol>
 * Writes {@code target/bench/report.md}, {@code report.json}, {@code chart.png} and the profile. Options:
 * {@code -Dbench.window=PT8S} (per level), {@code -Dbench.clients=1,2,4,8,16,32,64}, {@code -Dbench.profile=16}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "logging.level.io.ensemble=WARN",
    // the egress policy admits the benchmark's partners: the sandbox partner of this application, by URL
    "ensemble.partner-api.egress.allow[0]=http://localhost:${local.server.port}/sandbox-partners/"})
@ActiveProfiles({"demo", "postgres"})
@DirtiesContext // closed while PostgreSQL still runs
class EnsembleBenchmark {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired HikariDataSource pool;
  @Autowired MeterRegistry meters;

  @Test
  void benchmark() throws Exception {
    Path dir = Path.of(System.getProperty("bench.dir", "target/bench"));
    Files.createDirectories(dir);
    Duration window = Duration.parse(System.getProperty("bench.window", "PT8S"));
    List<Integer> clientLevels = Arrays.stream(System.getProperty("bench.clients", "1,2,4,8,16,32,64").split(","))
        .map(String::trim).map(Integer::valueOf).toList();
    int profiledLevel = Integer.getInteger("bench.profile", 16);
    String baseUrl = "http://localhost:" + port;
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("startedAt", Instant.now().toString());
    report.put("machine", Machine.describe(jdbc));

    long postgres = CpuClock.postgresServer(EmbeddedPostgresDatabase.server().getPort());
    LongSupplier cpu = () -> CpuClock.processTreeNanos(postgres);

    // 1. the decision on the standalone DMN engine
    var decisionsCached = DecisionThroughput.evaluationsPerSecond(new CachingFeelEngineFactory(), 3000, 5000);
    var decisionsCamunda = DecisionThroughput.evaluationsPerSecond(null, 2000, 3000);

    // 2. the engine's floor, on this application's engine
    EngineFloor floor = new EngineFloor(engine);
    floor.deploy();
    EngineFloor.Result floorResult = floor.measure(4, Duration.ofSeconds(6), cpu);

    // 3. straight-through onboardings over HTTP
    OnboardingLoad load = new OnboardingLoad(engine, baseUrl, cpu);
    load.run(4, Duration.ofSeconds(5), 10_000, Duration.ofMinutes(3)); // warm-up, not reported
    DatabaseGrowth database = new DatabaseGrowth(jdbc);
    var before = database.snapshot();
    long jobsBefore = successfulOnboardingJobs();
    long endedBefore = endedOnboardings();
    double timeoutsBefore = poolTimeouts();
    List<OnboardingLoad.Level> levels = new ArrayList<>();
    CpuProfile.Summary profile = null;
    for (int clients : clientLevels) {
      CpuProfile profiler = new CpuProfile();
      if (clients == profiledLevel) {
        profiler.start();
      }
      levels.add(load.run(clients, window, 3_000, Duration.ofMinutes(5)));
      if (clients == profiledLevel) {
        profile = profiler.stop(dir.resolve("onboarding-" + clients + "-clients.jfr"));
      }
    }
    var after = database.snapshot();
    long onboardings = endedOnboardings() - endedBefore;
    double jobsPerOnboarding = (successfulOnboardingJobs() - jobsBefore) / (double) onboardings;
    // save points: the start, each job, and the sandbox callback's correlation
    double savePoints = 1 + jobsPerOnboarding + 1;
    DatabaseGrowth.Growth growth = DatabaseGrowth.between(before, after);

    // 4. the decision through REST
    List<RestDecisionLoad.Result> restDecisions = List.of(
        new RestDecisionLoad(baseUrl).run(1, Duration.ofSeconds(5)),
        new RestDecisionLoad(baseUrl).run(4, Duration.ofSeconds(5)));

    Results results = new Results(decisionsCached, decisionsCamunda, floorResult, levels, savePoints, onboardings,
        growth, profile, restDecisions, poolTimeouts() - timeoutsBefore,
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistory(),
        pool.getMaximumPoolSize());
    report.putAll(results.asMap());
    report.put("finishedAt", Instant.now().toString());
    report.put("machineAtEnd", Machine.load());

    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(dir.resolve("report.json"), json.writeValueAsString(report));
    Files.writeString(dir.resolve("report.md"), results.markdown(report));
    ThroughputChart.write(levels, results.floorOnboardingsPerSecond(),
        "Straight-through onboarding on PostgreSQL, " + Machine.cores() + " cores", dir.resolve("chart.png"));

    assertThat(levels).allSatisfy(level -> assertThat(level.started()).isPositive());
  }

  private long successfulOnboardingJobs() {
    return count("select count(*) from act_hi_job_log where job_state_ = 2 and process_def_key_ = 'partner-onboarding'");
  }

  private long endedOnboardings() {
    return count("select count(*) from act_hi_procinst where proc_def_key_ = 'partner-onboarding' and end_time_ is not null");
  }

  private long count(String sql) {
    Long count = jdbc.queryForObject(sql, Long.class);
    return count == null ? 0 : count;
  }

  private double poolTimeouts() {
    return meters.get("hikaricp.connections.timeout").counter().count();
  }

}
