package io.ensemble.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * Client mistakes that surface inside the engine reach engine-REST clients as 4xx, not as the 500 that
 * Camunda answers when an exception escapes while starting an instance or completing a task:
 * an {@link InvalidInputException} from Ensemble's own validation, and a variable the engine refuses to store
 * (Ensemble never accepts Java-serialized objects). Everything else is answered exactly as Camunda answers it.
 */
@Priority(1)
class ClientErrorExceptionMapper implements ExceptionMapper<RestException> {

  /** ENGINE-17007 "Cannot set variable with name x. Java serialization format is prohibited". */
  private static final String JAVA_SERIALIZATION_PROHIBITED = "ENGINE-17007";

  private final RestExceptionHandler camundaDefault = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidInputException invalid) {
        return clientError(invalid.status(), invalid.getMessage());
      }
      String message = cause.getMessage();
      if (message != null && message.startsWith(JAVA_SERIALIZATION_PROHIBITED)) {
        return clientError(400, message);
      }
    }
    return camundaDefault.toResponse(exception);
  }

  /**
   * An {@link InvalidInputException} that escapes Camunda's resources unwrapped: thrown by a start listener
   * or a delegate while starting an instance, it is not a {@code ProcessEngineException}, so Camunda passes it
   * on as it is instead of wrapping it in a {@link RestException}.
   */
  @Priority(1)
  static class Unwrapped implements ExceptionMapper<InvalidInputException> {

    @Override
    public Response toResponse(InvalidInputException exception) {
      return clientError(exception.status(), exception.getMessage());
    }
  }

  static Response clientError(int status, String message) {
    ExceptionDto dto = new ExceptionDto();
    dto.setType("InvalidRequestException");
    dto.setMessage(message);
    return Response.status(status).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
  }
}
