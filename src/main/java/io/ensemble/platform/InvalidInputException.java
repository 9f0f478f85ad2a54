package io.ensemble.platform;

/**
 * The caller's input is wrong: thrown anywhere (a start listener validating variables, a service), it reaches
 * REST clients as a 4xx naming the problem, never as a 500, and rolls back everything the request began.
 */
public class InvalidInputException extends RuntimeException {

  private final int status;

  /** 400: a missing, ill-typed or invalid value. */
  public InvalidInputException(String message) {
    this(400, message);
  }

  /** Any 4xx, e.g. 409 when the request conflicts with what exists. */
  public InvalidInputException(int status, String message) {
    super(message);
    if (status < 400 || status > 499) {
      throw new IllegalArgumentException("not a client error status: " + status);
    }
    this.status = status;
  }

  public static InvalidInputException conflict(String message) {
    return new InvalidInputException(409, message);
  }

  public int status() {
    return status;
  }
}
