package io.ensemble.partnerapi.client;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One attempt of one outgoing partner call (table {@code partner_call_log}). */
@Entity
@Table(name = "partner_call_log")
public class PartnerCallLog {

  /** {@code STARTED}: the row written before the call; an attempt that did not finish keeps it. */
  public enum Outcome { STARTED, SUCCESS, REJECTED, FAILED, CIRCUIT_OPEN }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String partnerKey;
  private String operation;
  private String idempotencyKey;
  private int attempt;

  @Enumerated(EnumType.STRING)
  private Outcome outcome;

  private Integer httpStatus;

  @Column(name = "latency_ms")
  private long latencyMillis;

  private String error;
  private Instant calledAt;

  protected PartnerCallLog() {}

  PartnerCallLog(String partnerKey, String operation, String idempotencyKey, int attempt, Outcome outcome,
      Integer httpStatus, long latencyMillis, String error, Instant calledAt) {
    this.partnerKey = partnerKey;
    this.operation = operation;
    this.idempotencyKey = idempotencyKey;
    this.attempt = attempt;
    this.outcome = outcome;
    this.httpStatus = httpStatus;
    this.latencyMillis = latencyMillis;
    this.error = error == null || error.length() <= 500 ? error : error.substring(0, 500);
    this.calledAt = calledAt;
  }

  void finish(Outcome outcome, Integer httpStatus, long latencyMillis, String error) {
    this.outcome = outcome;
    this.httpStatus = httpStatus;
    this.latencyMillis = latencyMillis;
    this.error = error == null || error.length() <= 500 ? error : error.substring(0, 500);
  }

  boolean isAttemptOf(String idempotencyKey, String operation) {
    return this.idempotencyKey.equals(idempotencyKey) && this.operation.equals(operation);
  }

  /** The same attempt as a new, unsaved row (its transaction rolled back). */
  PartnerCallLog unsaved() {
    return new PartnerCallLog(partnerKey, operation, idempotencyKey, attempt, outcome, httpStatus, latencyMillis, error,
        calledAt);
  }

  public Long getId() { return id; }
  public String getPartnerKey() { return partnerKey; }
  public String getOperation() { return operation; }
  public String getIdempotencyKey() { return idempotencyKey; }
  public int getAttempt() { return attempt; }
  public Outcome getOutcome() { return outcome; }
  public Integer getHttpStatus() { return httpStatus; }
  public long getLatencyMillis() { return latencyMillis; }
  public String getError() { return error; }
  public Instant getCalledAt() { return calledAt; }
}
