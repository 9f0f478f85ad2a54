package io.ensemble.partnerapi.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The sandbox partner's idempotency ledger and record of effects, readable by tests and benchmarks:
 * the first request with an Idempotency-Key takes effect and its answer is kept; repeats get that answer again
 * and cause nothing.
 */
@Component
@ConditionalOnProperty(name = "ensemble.sandbox-partner.enabled", havingValue = "true")
public class SandboxPartnerLedger {

  /** Something the partner did (created a sandbox, joined a pilot, received a notification …). */
  public record Effect(String partnerKey, String operation, String idempotencyKey, String subject, Instant at) {}

  /** A kept answer, and what the effect concerned (a sandbox id, a pilot id …). */
  record Answer(int status, Object body, String subject) {}

  record Outcome(Answer answer, boolean replayed) {}

  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Effect> effects = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> requests = new ConcurrentHashMap<>();

  /** Effects of an operation at a partner (repeats with the same key do not count). */
  public long count(String partnerKey, String operation) {
    return effects.stream().filter(e -> e.partnerKey().equals(partnerKey) && e.operation().equals(operation)).count();
  }

  public List<Effect> effects(String partnerKey) {
    return effects.stream().filter(e -> e.partnerKey().equals(partnerKey)).toList();
  }

  /** Every request the partner received for an operation, including faults and replays. */
  public int requests(String partnerKey, String operation) {
    return requests.getOrDefault(partnerKey + " " + operation, 0);
  }

  /** Forgets a partner's history (tests start from a clean partner). */
  public void reset(String partnerKey) {
    effects.removeIf(e -> e.partnerKey().equals(partnerKey));
    answers.keySet().removeIf(k -> k.startsWith(partnerKey + "\n"));
    requests.keySet().removeIf(k -> k.startsWith(partnerKey + " "));
  }

  void received(String partnerKey, String operation) {
    requests.merge(partnerKey + " " + operation, 1, Integer::sum);
  }

  /** Runs the effect once per (partner, key); concurrent repeats wait for the first and get its answer. */
  Outcome once(String partnerKey, String operation, String idempotencyKey, Supplier<Answer> effect) {
    AtomicBoolean performed = new AtomicBoolean();
    Answer answer = answers.computeIfAbsent(partnerKey + "\n" + operation + "\n" + idempotencyKey, k -> {
      Answer first = effect.get();
      if (first.status() < 400) {
        effects.add(new Effect(partnerKey, operation, idempotencyKey, first.subject(), Instant.now()));
      }
      performed.set(true);
      return first;
    });
    return new Outcome(answer, !performed.get());
  }
}
