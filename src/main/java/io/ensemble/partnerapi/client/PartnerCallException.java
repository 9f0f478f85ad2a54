package io.ensemble.partnerapi.client;

import java.time.Duration;
import java.util.Optional;

/**
 * A technical failure of a partner call (5xx, 429, timeout, broken connection, malformed answer, open circuit,
 * missing configuration). Thrown out of the delegate so that the engine retries the job; the message becomes
 * the incident's message once retries are exhausted, so it names partner, operation, HTTP status and key.
 */
public class PartnerCallException extends RuntimeException {

  private final String partnerKey;
  private final String operation;
  private final Integer httpStatus;
  private final String idempotencyKey;
  private final Duration retryAfter;

  public PartnerCallException(PartnerCall call, PartnerOperation operation, Integer httpStatus, String problem,
      Duration retryAfter, Throwable cause) {
    super("Partner " + call.partnerKey() + ": " + operation.id() + " (" + operation.method() + " "
        + operation.pathTemplate() + ") failed, HTTP status " + (httpStatus == null ? "none" : httpStatus)
        + ", Idempotency-Key " + call.idempotencyKey() + ": " + problem, cause);
    this.partnerKey = call.partnerKey();
    this.operation = operation.id();
    this.httpStatus = httpStatus;
    this.idempotencyKey = call.idempotencyKey();
    this.retryAfter = retryAfter;
  }

  public String partnerKey() { return partnerKey; }
  public String operation() { return operation; }
  public Optional<Integer> httpStatus() { return Optional.ofNullable(httpStatus); }
  public String idempotencyKey() { return idempotencyKey; }

  /** How long the partner asked us to wait (429/503 {@code Retry-After}, or an open circuit's wait). */
  public Optional<Duration> retryAfter() { return Optional.ofNullable(retryAfter); }
}
