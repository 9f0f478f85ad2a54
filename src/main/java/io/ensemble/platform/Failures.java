package io.ensemble.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The one place that decides how a failure is answered when it is not a bug: a client mistake (4xx naming it),
 * a lost race (409) or a database that is briefly away (503 with {@code Retry-After}). Engine REST (Jersey),
 * Ensemble's {@code /api} (Spring MVC) and the authentication filter all ask here, so the same failure gets the
 * same answer on every path. Everything not recognised here is a real failure: 500, logged with its stack trace
 * by the framework that answers it.
 *
 * <p>Recognised failures are logged as one WARN line, without a stack trace and with at most
 * {@value #MAX_ECHO} characters of the message (which may quote the client's input); answers carry at most
 * {@value #MAX_ANSWER}, enough to name several problems, never a client's 10 kB input.
 */
public final class Failures {

  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  /** How much of a message (and so of the client's input it quotes) is answered and logged. */
  public static final int MAX_ECHO = 200;
  /** How much of a message is answered. */
  public static final int MAX_ANSWER = 600;
  /** Seconds a client should wait before retrying when the database is away. */
  public static final int RETRY_AFTER_SECONDS = 5;

  /** ENGINE-17007 "Cannot set variable with name x. Java serialization format is prohibited". */
  private static final String JAVA_SERIALIZATION_PROHIBITED = "ENGINE-17007";
  /**
   * A command that read an instance which another transaction ended meanwhile (the engine cannot load its
   * executions): the same lost race as an optimistic-locking conflict, seen a moment later.
   */
  private static final String STATE_GONE = "Cannot restore state of process instance";
  /** Camunda's identity service refusing a user, group or tenant id outside its whitelist pattern. */
  private static final String INVALID_RESOURCE_ID = "is not a valid resource identifier";
  /** Spin could not parse a Json (or Xml) variable's text ("Unable to parse input into json node"). */
  private static final java.util.List<String> SPIN_PARSE_FAILURES =
      java.util.List.of("SPIN/JACKSON-JSON-01001", "SPIN/DOM-XML-01001");

  private Failures() {}

  /** How a recognised failure is answered. */
  public record Failure(int status, String message, Integer retryAfterSeconds) {

    static Failure of(int status, String message) {
      return new Failure(status, abbreviate(message, MAX_ANSWER), null);
    }

    public boolean isClientError() {
      return status >= 400 && status < 500;
    }
  }

  /** The answer for a failure, if it is a client mistake, a conflict or an outage; empty for a real failure. */
  public static Optional<Failure> classify(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      Optional<Failure> known = classifyOne(cause);
      if (known.isPresent()) {
        return known;
      }
    }
    return Optional.empty();
  }

  private static Optional<Failure> classifyOne(Throwable cause) {
    String message = cause.getMessage() == null ? "" : cause.getMessage();
    if (cause instanceof InvalidInputException invalid) {
      return Optional.of(Failure.of(invalid.status(), message));
    }
    if (cause instanceof OptimisticLockingException || cause instanceof OptimisticLockingFailureException
        || (cause instanceof ProcessEngineException && message.contains(STATE_GONE))) {
      return Optional.of(Failure.of(409, "Conflict: someone else changed the same data at the same time "
          + "(e.g. completed the same task); reload and try again if it still applies"));
    }
    if (isDatabaseAway(cause)) {
      return Optional.of(new Failure(503, "The database is briefly unavailable; retry in "
          + RETRY_AFTER_SECONDS + " seconds", RETRY_AFTER_SECONDS));
    }
    if (cause instanceof SQLException sql) {
      String state = sqlState(sql);
      if ("22001".equals(state)) {
        return Optional.of(Failure.of(400, "A value is too long: process variables of type String hold at most "
            + "4000 characters"));
      }
      if ("23505".equals(state)) {
        return Optional.of(Failure.of(409, "Conflict: it already exists"));
      }
    }
    if (message.startsWith(JAVA_SERIALIZATION_PROHIBITED)) {
      return Optional.of(Failure.of(400, message));
    }
    if (message.contains(INVALID_RESOURCE_ID)) {
      return Optional.of(Failure.of(400, message
          + " User ids are letters and digits; group ids lower-case words joined by '-', e.g. alliance-managers"));
    }
    if (SPIN_PARSE_FAILURES.stream().anyMatch(message::startsWith)) {
      return Optional.of(Failure.of(400, "A Json or Xml variable does not hold valid Json or Xml: " + message));
    }
    if (cause instanceof JsonProcessingException json) {
      return Optional.of(Failure.of(400, describeJson(json)));
    }
    if (cause instanceof NotFoundException
        || (cause instanceof NullValueException && message.startsWith("Cannot find"))) {
      return Optional.of(Failure.of(404, message));
    }
    if (cause instanceof BadUserRequestException) {
      return Optional.of(Failure.of(400, message));
    }
    return Optional.empty();
  }

  /** A request body that is not JSON, or not of the expected shape, in words (no Java class names). */
  public static String describeJson(JsonProcessingException json) {
    for (Throwable cause = json; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof StreamReadException broken) {
        return notJson(broken);
      }
    }
    if (json.getOriginalMessage() != null && json.getOriginalMessage().contains("end-of-input")) {
      return notJson(json);
    }
    if (json instanceof UnrecognizedPropertyException unknown) {
      return "The request body has an unknown field '" + unknown.getPropertyName() + "'";
    }
    String path = json instanceof JsonMappingException mapping ? path(mapping) : "";
    String at = path.isEmpty() ? "" : " at '" + path + "'";
    if (json instanceof InvalidFormatException invalid) {
      String value = abbreviate(String.valueOf(invalid.getValue()));
      return "The value '" + (value.length() > 60 ? value.substring(0, 60) + "…" : value) + "'" + at + " is not a valid "
          + (invalid.getTargetType() == null ? "value" : invalid.getTargetType().getSimpleName());
    }
    if (json instanceof MismatchedInputException mismatched) {
      if (path.isEmpty()) {
        return currentToken(mismatched) == JsonToken.START_ARRAY
            ? "The request body must be a JSON object, not an array"
            : "The request body must be a JSON object";
      }
      return "The request body has a value of the wrong type" + at;
    }
    return path.isEmpty() ? notJson(json) : "The request body has an invalid value" + at;
  }

  private static String notJson(JsonProcessingException json) {
    String detail = json.getOriginalMessage() == null ? "" : json.getOriginalMessage();
    int newline = detail.indexOf('\n');
    return "The request body is not valid JSON"
        + (json.getLocation() == null ? "" : " (line " + json.getLocation().getLineNr() + ", column "
            + json.getLocation().getColumnNr() + ")")
        + (detail.isEmpty() ? "" : ": " + abbreviate(newline < 0 ? detail : detail.substring(0, newline)));
  }

  /** One WARN line for an answered client mistake: method, path, status and the (abbreviated) message. */
  public static void logClientError(String method, String path, int status, String message) {
    LOG.warn("{} {} {}: {}", status, method, abbreviate(path), abbreviate(message));
  }

  /** One WARN line, no stack, for a conflict or an outage answered as such. */
  public static void logAnswered(String method, String path, Failure failure) {
    logClientError(method, path, failure.status(), failure.message());
  }

  /** At most {@value #MAX_ECHO} characters, so that a client's 10 kB input is not copied into answers and logs. */
  public static String abbreviate(String text) {
    return abbreviate(text, MAX_ECHO);
  }

  static String abbreviate(String text, int max) {
    if (text == null) {
      return "";
    }
    String oneLine = text.replaceAll("[\\r\\n\\t]+", " ");
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "… (" + oneLine.length() + " characters)";
  }

  private static boolean isDatabaseAway(Throwable cause) {
    if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
        || cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException
        || cause instanceof java.sql.SQLNonTransientConnectionException) {
      return true;
    }
    if (cause instanceof SQLException sql) {
      String state = sqlState(sql);
      // 08: connection exception; 57P01-57P03: PostgreSQL shutting down, crashed or not yet accepting
      return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
    return cause.getMessage() != null && cause.getMessage().contains("Unable to rollback against JDBC Connection");
  }

  private static String sqlState(SQLException sql) {
    for (SQLException e = sql; e != null; e = e.getNextException()) {
      if (e.getSQLState() != null) {
        return e.getSQLState();
      }
      if (e.getNextException() == e) {
        break;
      }
    }
    return null;
  }

  private static Throwable next(Throwable cause) {
    Throwable next = cause.getCause();
    if (next == null && cause instanceof SQLException sql) {
      next = sql.getNextException();
    }
    return next == cause ? null : next;
  }

  private static String path(JsonMappingException mapping) {
    return mapping.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static JsonToken currentToken(MismatchedInputException mismatched) {
    try {
      return ((com.fasterxml.jackson.core.JsonParser) mismatched.getProcessor()).currentToken();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
