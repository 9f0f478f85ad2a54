package io.ensemble.partnerapi;

import static io.ensemble.partnerapi.PartnerApiTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.groups.Tuple.tuple;

import io.ensemble.partner.PartnerRepository;
import io.ensemble.partnerapi.client.PartnerCallLog;
import io.ensemble.partnerapi.client.PartnerCallLog.Outcome;
import io.ensemble.partnerapi.client.PartnerCallLogRepository;
import io.ensemble.partnerapi.sandbox.SandboxPartner;
import io.ensemble.support.EmbeddedPostgresDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One connection per thread of work (DESIGN.md §9), with a pool of TWO connections (Flyway needs two at start-up) on PostgreSQL and four job
 * threads: partner jobs that succeed, that fail until an incident, that die in the middle of the call, and a
 * sandbox provisioning (which issues a webhook secret) all finish, every attempt is in the partner-call log, and
 * no thread ever waited in vain for a connection. A transaction of its own beside the job's (as the log and the
 * webhook secrets once had) needs a second connection that never comes: this test then times out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.core-pool-size=4",
    "camunda.bpm.job-execution.max-pool-size=4",
    "camunda.bpm.job-execution.wait-time-in-millis=200",
    "camunda.bpm.job-execution.max-wait=1000",
    "spring.datasource.hikari.maximum-pool-size=2",
    "spring.datasource.hikari.connection-timeout=15000",
    "ensemble.partner-api.inbox-sweep-interval=PT1H",
    // the egress policy admits the partners of this test: the sandbox partner of this application, by URL
    "ensemble.partner-api.egress.allow[0]=http://localhost:${local.server.port}/sandbox-partners/"})
@ActiveProfiles({"demo", "postgres"})
@DirtiesContext // closed while PostgreSQL still runs
@Import({PartnerApiTestSupport.Processes.class, PartnerCallLogOnTwoConnectionsTest.DyingCalls.class})
class PartnerCallLogOnTwoConnectionsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  /** Calls to partners whose key starts with this die mid-call, as a killed thread would. */
  static final String DYING = "dying-";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired PartnerRepository partners;
  @Autowired PartnerCallLogRepository callLog;
  @Autowired SandboxPartner sandboxPartner;
  @Autowired TestRestTemplate rest;
  @Autowired MeterRegistry meters;

  @Test
  void partnerJobsThatSucceedFailOrDieMidCallAllFinishOnTwoConnectionsWithEveryAttemptLogged() {
    deployProbes(repositoryService);
    String healthy = sandboxPartner("two-connections-healthy");
    String failing = sandboxPartner("two-connections-failing");
    sandboxPartner.changeBehaviour(failing, Map.of("failWith", 503));
    String dying = sandboxPartner(DYING + "two-connections");
    String provisioned = sandboxPartner("two-connections-sandbox");

    List<String> healthyChecks = IntStream.range(0, 6).mapToObj(i -> startConformanceProbe(healthy)).toList();
    String failingCheck = startConformanceProbe(failing);
    String dyingCheck = startConformanceProbe(dying);
    String sandbox = runtimeService.startProcessInstanceByKey(SANDBOX_PROBE, provisioned,
        vars("partnerKey", provisioned, "templateId", "ensemble-standard")).getId();

    await().atMost(PATIENCE).untilAsserted(() -> {
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceIds(
          new java.util.HashSet<>(healthyChecks)).count()).isZero();
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(sandbox).count()).isZero();
      assertThat(runtimeService.createIncidentQuery().processInstanceId(failingCheck).count()).isOne();
      assertThat(runtimeService.createIncidentQuery().processInstanceId(dyingCheck).count()).isOne();
    });

    for (String instance : healthyChecks) {
      assertThat(attempts(instance, TASK_CHECK_CONFORMANCE)).containsExactly(tuple(1, Outcome.SUCCESS, 200));
    }
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(sandbox)
        .activityId("EndEvent_SandboxUsable").count()).isOne();
    assertThat(attempts(sandbox, TASK_PROVISION_SANDBOX)).containsExactly(tuple(1, Outcome.SUCCESS, 202));
    // each failed attempt rolled its job back; the failed-job command wrote it afterwards
    assertThat(attempts(failingCheck, TASK_CHECK_CONFORMANCE)).containsExactly(
        tuple(1, Outcome.FAILED, 503), tuple(2, Outcome.FAILED, 503), tuple(3, Outcome.FAILED, 503));
    // the row written before the call survives the attempt that never got an outcome
    assertThat(attempts(dyingCheck, TASK_CHECK_CONFORMANCE)).containsExactly(
        tuple(1, Outcome.STARTED, null), tuple(2, Outcome.STARTED, null), tuple(3, Outcome.STARTED, null));
    assertThat(meters.get("hikaricp.connections.timeout").counter().count()).isZero();
  }

  private String sandboxPartner(String partnerKey) {
    partner(partners, partnerKey, rest.getRootUri() + "/sandbox-partners/" + partnerKey);
    return partnerKey;
  }

  private String startConformanceProbe(String partnerKey) {
    return runtimeService.startProcessInstanceByKey(CONFORMANCE_PROBE,
        vars("partnerKey", partnerKey, "checksWanted", 1)).getId();
  }

  /** The log rows of the activity's job (idempotency key {@code <instance>:<job id>}). */
  private List<org.assertj.core.groups.Tuple> attempts(String instanceId, String activityId) {
    return historyService.createHistoricJobLogQuery().processInstanceId(instanceId).activityIdIn(activityId).list()
        .stream().map(entry -> instanceId + ":" + entry.getJobId()).distinct()
        .flatMap(key -> callLog.findByIdempotencyKeyOrderByIdAsc(key).stream())
        .map(row -> tuple(row.getAttempt(), row.getOutcome(), row.getHttpStatus())).toList();
  }

  /** The thread making a call to a dying partner is killed before an answer arrives. */
  static final class AttemptKilled extends Error {
    AttemptKilled() {
      super("attempt killed mid-call (test)");
    }
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class DyingCalls {
    @Bean
    static BeanPostProcessor dyingPartnerCalls() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
          return bean instanceof HttpClient client && beanName.equals("partnerHttpClient") ? new Dying(client) : bean;
        }
      };
    }
  }

  private static final class Dying extends HttpClient {
    private final HttpClient delegate;

    Dying(HttpClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
        throws IOException, InterruptedException {
      if (request.uri().getPath().contains("/" + DYING)) {
        throw new AttemptKilled();
      }
      return delegate.send(request, handler);
    }

    @Override public Optional<CookieHandler> cookieHandler() { return delegate.cookieHandler(); }
    @Override public Optional<Duration> connectTimeout() { return delegate.connectTimeout(); }
    @Override public Redirect followRedirects() { return delegate.followRedirects(); }
    @Override public Optional<ProxySelector> proxy() { return delegate.proxy(); }
    @Override public SSLContext sslContext() { return delegate.sslContext(); }
    @Override public SSLParameters sslParameters() { return delegate.sslParameters(); }
    @Override public Optional<Authenticator> authenticator() { return delegate.authenticator(); }
    @Override public Version version() { return delegate.version(); }
    @Override public Optional<Executor> executor() { return delegate.executor(); }
    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
      return delegate.sendAsync(request, handler);
    }
    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
        HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
      return delegate.sendAsync(request, handler, pushPromiseHandler);
    }
  }
}
