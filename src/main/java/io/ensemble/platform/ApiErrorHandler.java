package io.ensemble.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Ensemble's own REST API answers every failure as {@code application/problem+json}: Spring's own client errors
 * (unreadable body, wrong method, missing parameter ...), and whatever {@link Failures} recognises, with the same
 * status and message as engine REST. 4xx are one WARN line; anything else is a real failure: 500 without
 * internals in the answer, logged with its stack trace.
 */
@RestControllerAdvice
class ApiErrorHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandler.class);

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> failure(Exception exception, HttpServletRequest request) {
    var known = Failures.classify(exception);
    if (known.isEmpty()) {
      LOG.error("500 {} {}", request.getMethod(), request.getRequestURI(), exception);
      return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(ProblemDetail.forStatusAndDetail(
          HttpStatus.INTERNAL_SERVER_ERROR, "Internal error; the operators have the details in the log"));
    }
    Failures.Failure failure = known.get();
    Failures.logAnswered(request.getMethod(), request.getRequestURI(), failure);
    var response = ResponseEntity.status(failure.status());
    if (failure.retryAfterSeconds() != null) {
      response.header(HttpHeaders.RETRY_AFTER, String.valueOf(failure.retryAfterSeconds()));
    }
    return response.body(ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(failure.status()),
        failure.message()));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String detail = exception.getCause() instanceof JsonProcessingException json
        ? Failures.describeJson(json)
        : "The request body is missing or cannot be read";
    return handleExceptionInternal(exception, ProblemDetail.forStatusAndDetail(status, detail), headers, status,
        request);
  }

  /** Spring's own client errors: one WARN line each. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception exception, Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    if (status.is4xxClientError() && request instanceof ServletWebRequest servlet) {
      String detail = body instanceof ProblemDetail problem ? problem.getDetail() : exception.getMessage();
      Failures.logClientError(servlet.getRequest().getMethod(), servlet.getRequest().getRequestURI(),
          status.value(), detail);
    }
    return super.handleExceptionInternal(exception, body, headers, status, request);
  }
}
