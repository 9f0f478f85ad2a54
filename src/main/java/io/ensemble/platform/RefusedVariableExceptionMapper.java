package io.ensemble.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * A variable the engine refuses to store (a Java-serialized object, which Ensemble never accepts) is the
 * client's mistake: 400 naming the variable, instead of the 500 that Camunda's REST API answers when the
 * refusal surfaces while starting an instance. Everything else is answered exactly as Camunda answers it.
 */
@Priority(1)
class RefusedVariableExceptionMapper implements ExceptionMapper<RestException> {

  /** ENGINE-17007 "Cannot set variable with name x. Java serialization format is prohibited". */
  private static final String JAVA_SERIALIZATION_PROHIBITED = "ENGINE-17007";

  private final RestExceptionHandler camundaDefault = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && message.startsWith(JAVA_SERIALIZATION_PROHIBITED)) {
        ExceptionDto dto = new ExceptionDto();
        dto.setType("InvalidRequestException");
        dto.setMessage(message);
        return Response.status(Response.Status.BAD_REQUEST).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
      }
    }
    return camundaDefault.toResponse(exception);
  }
}
