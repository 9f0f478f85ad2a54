package io.ensemble.platform;

import static io.ensemble.support.Rest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ensemble.support.LogCapture;
import io.ensemble.support.Rest;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A lost race and a database that is briefly away are answered so that a client can tell them from a bug:
 * 409 naming the conflict, 503 with {@code Retry-After}; the readiness probe says DOWN; neither is logged as an
 * error with a stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ConflictsAndOutagesTest.Fixtures.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConflictsAndOutagesTest {

  static final String PROBE = "concurrent-completion-probe";
  static final int PEOPLE = 6;

  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired Meeting meeting;

  @BeforeAll
  void deployAProcessWhoseTaskCompletionsMeet() {
    repositoryService.createDeployment()
        .addModelInstance(PROBE + ".bpmn", Bpmn.createExecutableProcess(PROBE)
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .userTask("Task_ReviewContract").name("Review contract").camundaCandidateGroups("legal")
            .camundaTaskListenerDelegateExpression("complete", "${concurrentCompletions}")
            .endEvent()
            .done())
        .deploy();
  }

  @AfterEach
  void databaseIsBack() {
    SwitchableDataSource.away = false;
    meeting.barrier = null;
  }

  @Test
  void sixPeopleCompletingTheSameTaskAtOnceGetOneSuccessAndFiveConflicts() throws Exception {
    String instanceId = runtimeService.startProcessInstanceByKey(PROBE).getId();
    String taskId = taskService.createTaskQuery().processInstanceId(instanceId).singleResult().getId();
    // every completion waits inside its transaction until all six have read the task: a real race, every time
    meeting.barrier = new CyclicBarrier(PEOPLE);
    var legal = Rest.as(rest, "leo");

    List<ResponseEntity<Map>> answers = new ArrayList<>();
    try (LogCapture log = new LogCapture()) {
      ExecutorService people = Executors.newFixedThreadPool(PEOPLE);
      List<Future<ResponseEntity<Map>>> clicks = new ArrayList<>();
      for (int i = 0; i < PEOPLE; i++) {
        Callable<ResponseEntity<Map>> click = () -> legal.exchange("/engine-rest/task/" + taskId + "/complete",
            HttpMethod.POST, json("{}"), Map.class);
        clicks.add(people.submit(click));
      }
      for (Future<ResponseEntity<Map>> click : clicks) {
        answers.add(click.get(60, TimeUnit.SECONDS));
      }
      people.shutdown();

      assertThat(answers).extracting(ResponseEntity::getStatusCode).as("statuses")
          .containsOnlyOnce(HttpStatus.NO_CONTENT)
          .filteredOn(status -> status != HttpStatus.NO_CONTENT).containsOnly(HttpStatus.CONFLICT);
      assertThat(answers).filteredOn(a -> a.getStatusCode() == HttpStatus.CONFLICT)
          .allSatisfy(a -> assertThat((String) a.getBody().get("message")).contains("Conflict")
              .contains("same time"));
      assertThat(log.errors()).as("ERROR lines").isEmpty();
      assertThat(log.withStackTrace()).as("lines with a stack trace").isEmpty();
    }
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count()).isZero();
  }

  @Test
  void aDatabaseThatIsBrieflyAwayIsAnswered503WithRetryAfterAndReadinessSaysSo() {
    assertThat(rest.getForEntity("/actuator/health/readiness", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    try (LogCapture log = new LogCapture()) {
      SwitchableDataSource.away = true;

      ResponseEntity<Map> start = rest.withBasicAuth("demo", "demo").exchange(
          "/engine-rest/process-definition/key/" + PROBE + "/start", HttpMethod.POST, json("{}"), Map.class);
      assertThat(start.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      assertThat(start.getHeaders().getFirst("Retry-After")).isEqualTo("5");
      assertThat((String) start.getBody().get("message")).contains("briefly unavailable");

      ResponseEntity<Map> registry = Rest.as(rest, "grace").getForEntity("/api/partners", Map.class);
      assertThat(registry.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      assertThat(registry.getHeaders().getFirst("Retry-After")).isEqualTo("5");

      ResponseEntity<String> readiness = rest.getForEntity("/actuator/health/readiness", String.class);
      assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      assertThat(readiness.getBody()).contains("DOWN");

      assertThat(log.errors()).as("ERROR lines").isEmpty();
      assertThat(log.withStackTrace().stream().filter(e -> !e.getLoggerName().startsWith("org.springframework.boot"
          + ".actuate"))).as("lines with a stack trace").isEmpty();
    }

    SwitchableDataSource.away = false;
    assertThat(rest.getForEntity("/actuator/health/readiness", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth("demo", "demo").exchange("/engine-rest/process-definition/key/" + PROBE
        + "/start", HttpMethod.POST, json("{}"), Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  /** Lets the test hold every task completion until all of them are inside their transactions. */
  static class Meeting implements TaskListener {
    volatile CyclicBarrier barrier;

    @Override
    public void notify(DelegateTask task) {
      CyclicBarrier current = barrier;
      if (current != null) {
        try {
          current.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
          throw new IllegalStateException("the six completions did not meet", e);
        }
      }
    }
  }

  /** The application's data source, with a switch that makes every new connection fail as when the database is down. */
  static class SwitchableDataSource implements DataSource {
    private final DataSource target;
    static volatile boolean away;

    SwitchableDataSource(DataSource target) {
      this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
      check();
      return target.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      check();
      return target.getConnection(user, password);
    }

    private void check() throws SQLException {
      if (away) {
        throw new SQLTransientConnectionException("Connection refused: the database is restarting", "08001");
      }
    }

    @Override public PrintWriter getLogWriter() throws SQLException { return target.getLogWriter(); }
    @Override public void setLogWriter(PrintWriter out) throws SQLException { target.setLogWriter(out); }
    @Override public void setLoginTimeout(int seconds) throws SQLException { target.setLoginTimeout(seconds); }
    @Override public int getLoginTimeout() throws SQLException { return target.getLoginTimeout(); }
    @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { return target.getParentLogger(); }
    @Override public <T> T unwrap(Class<T> type) throws SQLException { return target.unwrap(type); }
    @Override public boolean isWrapperFor(Class<?> type) throws SQLException { return target.isWrapperFor(type); }
  }

  @TestConfiguration
  static class Fixtures {

    @Bean("concurrentCompletions")
    Meeting concurrentCompletions() {
      return new Meeting();
    }

    @Bean
    static BeanPostProcessor switchableDatabase() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          return bean instanceof DataSource source && name.equals("dataSource")
              ? new SwitchableDataSource(source) : bean;
        }
      };
    }
  }
}
