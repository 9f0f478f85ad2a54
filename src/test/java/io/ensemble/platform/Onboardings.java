package io.ensemble.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ensemble.onboarding.PartnerOnboardingProcess;
import io.ensemble.partnerapi.sandbox.SandboxPartner;
import io.ensemble.partnerapi.sandbox.SandboxPartnerLedger;
import io.ensemble.support.EnsembleNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Onboardings driven against child {@link EnsembleNode}s, whose partner is the sandbox partner of the test JVM (a
 * process of its own, whose ledger outlives the nodes), and the counts every crash scenario must keep.
 */
final class Onboardings {

  static final String STARTER = "amira";
  static final String ADMIN = "demo";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SandboxPartner partner;
  private final SandboxPartnerLedger ledger;
  private final String partnerBaseUrl;
  private final String run = UUID.randomUUID().toString().substring(0, 6);

  Onboardings(SandboxPartner partner, SandboxPartnerLedger ledger, int partnerPort) {
    this.partner = partner;
    this.ledger = ledger;
    this.partnerBaseUrl = "http://localhost:" + partnerPort + "/sandbox-partners/";
  }

  /**
   * Node settings for a quick test: short partner timeouts, the job lock sized from them, frequent checks, and the
   * egress allow-list naming this test's sandbox partner (it runs in the test JVM, not in the node).
   */
  List<String> nodeArguments(String... more) {
    List<String> arguments = new ArrayList<>(List.of(
        "--ensemble.partner-api.egress.allow[0]=" + partnerBaseUrl,
        "--ensemble.partner-api.connect-timeout=PT1S",
        "--ensemble.partner-api.read-timeout=PT10S",
        // 2 × (1 s + 10 s) + 10 s, as PartnerJobLockTime requires
        "--camunda.bpm.job-execution.lock-time-in-millis=32000",
        "--ensemble.onboarding.sandbox-check-interval=PT5S",
        "--ensemble.partner-api.inbox-sweep-interval=PT5S",
        "--ensemble.shutdown.running-jobs-grace=PT15S"));
    arguments.addAll(List.of(more));
    return arguments;
  }

  /** New partners of the sandbox partner, each behaving as given. */
  List<String> partners(String prefix, int count, Map<String, Object> behaviour) {
    List<String> keys = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String key = prefix + "-" + run + "-" + i;
      partner.changeBehaviour(key, behaviour);
      keys.add(key);
    }
    return keys;
  }

  /** Starts low-risk onboardings (no review) concurrently over REST; returns the keys acknowledged (200). */
  List<String> startAll(Collection<String> keys, Function<String, EnsembleNode> node) {
    return startAll(keys, node, "[\\\"SOC2\\\"]");
  }

  /** Starts onboardings of uncertified partners (MEDIUM: a security review first); returns the acknowledged keys. */
  List<String> startAllNeedingReview(Collection<String> keys, Function<String, EnsembleNode> node) {
    return startAll(keys, node, "[]");
  }

  /** Approves each onboarding's security review over REST, as {@code sam}; returns the keys acknowledged (204). */
  List<String> approveSecurityReviews(EnsembleNode node, Collection<String> keys) {
    List<String> acknowledged = new ArrayList<>();
    for (String key : keys) {
      JsonNode tasks = json(node.get("/engine-rest/task?processInstanceBusinessKey=" + key
          + "&candidateGroup=security", "sam"));
      assertThat(tasks).as("security review of %s", key).hasSize(1);
      HttpResponse<String> answer = node.postJson("/engine-rest/task/" + tasks.get(0).path("id").asText()
          + "/complete", "sam", "{\"variables\": {\"reviewOutcome\": {\"value\": \"APPROVED\"}}}");
      if (answer.statusCode() == 204) {
        acknowledged.add(key);
      }
    }
    return acknowledged;
  }

  private List<String> startAll(Collection<String> keys, Function<String, EnsembleNode> node, String certifications) {
    ExecutorService clients = Executors.newFixedThreadPool(Math.min(8, keys.size()));
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (String key : keys) {
        answers.add(clients.submit(() -> {
          HttpResponse<String> response = node.apply(key).postJson(
              "/engine-rest/process-definition/key/partner-onboarding/start", STARTER, startBody(key, certifications));
          return response.statusCode() == 200 ? key : null;
        }));
      }
      List<String> acknowledged = new ArrayList<>();
      for (Future<String> answer : answers) {
        String key = answer.get();
        if (key != null) {
          acknowledged.add(key);
        }
      }
      return acknowledged;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      clients.shutdownNow();
    }
  }

  private String startBody(String key, String certifications) {
    return """
        {"businessKey": "%1$s", "variables": {
          "partnerKey": {"value": "%1$s"}, "partnerName": {"value": "Partner %1$s"},
          "partnerType": {"value": "ISV"},
          "capabilities": {"type": "Json", "value": "[\\"API_STANDARDISATION\\"]"},
          "dataAccess": {"value": "NONE"}, "jurisdiction": {"value": "DE"},
          "annualContractValue": {"value": 50000, "type": "Long"},
          "certifications": {"type": "Json", "value": "%3$s"},
          "apiBaseUrl": {"value": "%2$s%1$s"}}}""".formatted(key, partnerBaseUrl, certifications);
  }

  /** The registry status of each partner, as the node reports it. */
  Map<String, String> statuses(EnsembleNode node, Collection<String> keys) {
    return keys.stream().collect(Collectors.toMap(key -> key, key -> {
      HttpResponse<String> response = node.get("/api/partners/" + key, STARTER);
      return response.statusCode() == 200 ? json(response).path("status").asText() : "HTTP " + response.statusCode();
    }));
  }

  /** Waits until every onboarding ended with its partner ACTIVE, or stopped at an incident that names its partner. */
  void awaitAllSettled(EnsembleNode node, Collection<String> keys, Duration atMost) {
    await("every onboarding ACTIVE or a named incident").atMost(atMost).pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(keys).allSatisfy(key -> assertThat(
            ("ACTIVE".equals(statuses(node, List.of(key)).get(key))
                && count(node, "/engine-rest/process-instance/count?businessKey=" + key) == 0)
                || hasNamedIncident(node, key))
            .as("%s ACTIVE or a named incident", key).isTrue()));
  }

  boolean hasNamedIncident(EnsembleNode node, String key) {
    JsonNode instances = json(node.get("/engine-rest/process-instance?businessKey=" + key, ADMIN));
    for (JsonNode instance : instances) {
      for (JsonNode incident : json(node.get("/engine-rest/incident?processInstanceId=" + instance.path("id").asText(),
          ADMIN))) {
        if (incident.path("incidentMessage").asText().contains("Partner " + key)) {
          return true;
        }
      }
    }
    return false;
  }

  long count(EnsembleNode node, String path) {
    return json(node.get(path, ADMIN)).path("count").asLong();
  }

  /**
   * The counts of the issue: each partner did each step once (0 duplicate partner effects per idempotency key, and no
   * step repeated under a new key), each sandbox outcome reached its onboarding (0 lost callbacks: none waited into
   * the timeout), no job is left (0 orphan jobs), and no history is torn (one completed instance per partner).
   */
  Counts assertCounts(EnsembleNode node, Collection<String> keys) {
    Map<String, String> statuses = statuses(node, keys);
    long active = statuses.values().stream().filter("ACTIVE"::equals).count();
    long incidents = count(node, "/engine-rest/incident/count");
    int duplicateEffects = 0;
    for (String key : keys) {
      var effects = ledger.effects(key);
      duplicateEffects += effects.size() - (int) effects.stream()
          .map(e -> e.operation() + " " + e.idempotencyKey()).distinct().count();
      if ("ACTIVE".equals(statuses.get(key))) {
        assertThat(ledger.count(key, "provisionSandbox")).as("sandboxes of %s", key).isEqualTo(1);
        assertThat(ledger.count(key, "notify")).as("notifications of %s", key).isEqualTo(1);
        JsonNode history = json(node.get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + key,
            ADMIN));
        assertThat(history).as("history of %s", key).hasSize(1);
        assertThat(history.get(0).path("state").asText()).as("history of %s", key).isEqualTo("COMPLETED");
      }
    }
    long timedOut = count(node, "/engine-rest/history/activity-instance/count?activityId=BoundaryEvent_SandboxTimedOut");
    long sandboxesReady = count(node, "/engine-rest/history/activity-instance/count?activityId=Task_AwaitSandbox"
        + "&finished=true");
    // the onboardings' own: the demo profile also runs governance items, whose timers wait for weeks
    long jobs = count(node, "/engine-rest/job/count?processDefinitionKey=" + PartnerOnboardingProcess.KEY);
    long running = count(node, "/engine-rest/process-instance/count?processDefinitionKey="
        + PartnerOnboardingProcess.KEY);
    Counts counts = new Counts(keys.size(), active, incidents, duplicateEffects, timedOut, jobs, running,
        sandboxesReady);
    System.out.println("Crash-safety counts: " + counts);
    assertThat(active + incidents).as("every onboarding ACTIVE or a named incident").isEqualTo(keys.size());
    assertThat(duplicateEffects).as("duplicate partner effects per idempotency key").isZero();
    assertThat(timedOut).as("onboardings whose sandbox outcome never arrived").isZero();
    if (incidents == 0) {
      assertThat(jobs).as("orphan jobs").isZero();
      assertThat(running).as("instances still running").isZero();
    }
    return counts;
  }

  record Counts(int onboardings, long active, long incidents, int duplicateEffects, long lostCallbacks,
      long jobsLeft, long instancesRunning, long sandboxWaitsEnded) {}

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
