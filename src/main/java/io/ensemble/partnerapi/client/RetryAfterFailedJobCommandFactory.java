package io.ensemble.partnerapi.client;

import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Camunda's retry handling (retry time cycle, incident when exhausted), plus: when a partner answered 429 or
 * 503 with {@code Retry-After} (or its circuit is open), the next attempt is not due before that time; and a
 * partner failure wrapped by the engine is recorded as itself, so that the incident's message names it.
 */
class RetryAfterFailedJobCommandFactory implements FailedJobCommandFactory {

  @Override
  public Command<Object> getCommand(String jobId, Throwable exception) {
    // the incident names partner, operation, status and key even where the engine wraps the failure
    // ("Error while handling compensation event")
    Throwable failure = partnerFailure(exception).<Throwable>map(f -> f).orElse(exception);
    return new DefaultJobRetryCmd(jobId, failure) {
      @Override
      public Object execute(CommandContext commandContext) {
        Object result = super.execute(commandContext);
        partnerFailure(exception).flatMap(PartnerCallException::retryAfter).ifPresent(wait -> {
          JobEntity job = commandContext.getJobManager().findJobById(jobId);
          if (job != null && job.getRetries() > 0) {
            Date notBefore = new Date(ClockUtil.getCurrentTime().getTime() + wait.toMillis());
            if (job.getDuedate() == null || job.getDuedate().before(notBefore)) {
              job.setDuedate(notBefore);
            }
          }
        });
        return result;
      }
    };
  }

  private static Optional<PartnerCallException> partnerFailure(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof PartnerCallException failure) {
        return Optional.of(failure);
      }
    }
    return Optional.empty();
  }
}
