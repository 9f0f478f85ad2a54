package io.ensemble.platform;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * How the engine REST API (Jersey) answers failures: what {@link Failures} recognises (client mistakes, lost
 * races, a database that is away) with its status and message, everything else exactly as Camunda answers it.
 * Camunda answers some client mistakes with 500 (an exception escaping a start listener, an invalid user id, a
 * Json variable that is not JSON), and its own JSON-body errors with an empty message or a Java class name.
 *
 * <p>Every 4xx is logged as one WARN line; 5xx keep Camunda's logging with the stack trace. Jersey picks the
 * mapper of the closest exception type, so there is one per type Camunda maps; {@code @Priority(1)} wins ties.
 */
final class EngineRestErrors {

  private EngineRestErrors() {}

  static final Class<?>[] MAPPERS = {
      Any.class, EngineFailure.class, Rest.class, BodyNotJson.class, BodyWrongShape.class, Invalid.class};

  abstract static class Mapper<E extends Throwable> implements ExceptionMapper<E> {

    @Context HttpServletRequest request;

    @Override
    public Response toResponse(E exception) {
      var known = Failures.classify(exception);
      if (known.isPresent()) {
        Failures.Failure failure = known.get();
        Failures.logAnswered(request.getMethod(), request.getRequestURI(), failure);
        Response.ResponseBuilder response = Response.status(failure.status())
            .entity(dto(failure.status() == 409 ? "OptimisticLockingException" : failure.status() == 503
                ? "ServiceUnavailableException" : "InvalidRequestException", failure.message()))
            .type(MediaType.APPLICATION_JSON_TYPE);
        if (failure.retryAfterSeconds() != null) {
          response.header("Retry-After", failure.retryAfterSeconds());
        }
        return response.build();
      }
      Response camunda = ExceptionHandlerHelper.getInstance().getResponse(exception);
      if (camunda.getStatus() >= 400 && camunda.getStatus() < 500) {
        Failures.logClientError(request.getMethod(), request.getRequestURI(), camunda.getStatus(),
            camunda.getEntity() instanceof ExceptionDto dto ? dto.getMessage() : String.valueOf(exception.getMessage()));
      }
      return camunda;
    }

    private static ExceptionDto dto(String type, String message) {
      ExceptionDto dto = new ExceptionDto();
      dto.setType(type);
      dto.setMessage(message);
      return dto;
    }
  }

  @Priority(1)
  static class Any extends Mapper<Throwable> {}

  @Priority(1)
  static class EngineFailure extends Mapper<ProcessEngineException> {}

  @Priority(1)
  static class Rest extends Mapper<RestException> {}

  @Priority(1)
  static class BodyNotJson extends Mapper<JsonParseException> {}

  @Priority(1)
  static class BodyWrongShape extends Mapper<JsonMappingException> {}

  /**
   * An {@link InvalidInputException} that escapes Camunda's resources unwrapped: thrown by a start listener
   * or a delegate while starting an instance, it is not a {@code ProcessEngineException}, so Camunda passes it
   * on as it is instead of wrapping it in a {@link RestException}.
   */
  @Priority(1)
  static class Invalid extends Mapper<InvalidInputException> {}
}
