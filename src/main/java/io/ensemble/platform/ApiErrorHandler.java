package io.ensemble.platform;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Ensemble's own REST API answers client mistakes as {@code application/problem+json}. */
@RestControllerAdvice
class ApiErrorHandler {

  @ExceptionHandler(InvalidInputException.class)
  ProblemDetail invalidInput(InvalidInputException exception) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(exception.status()), exception.getMessage());
  }
}
