package io.ensemble.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Everything logged (WARN and above) while it is open, for tests that assert what an operator reads. */
public final class LogCapture implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  public List<ILoggingEvent> events() {
    synchronized (appender.list) {
      return List.copyOf(appender.list);
    }
  }

  public List<ILoggingEvent> errors() {
    return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).toList();
  }

  /** Lines that carry a stack trace. */
  public List<ILoggingEvent> withStackTrace() {
    return events().stream().filter(e -> e.getThrowableProxy() != null).toList();
  }

  public List<ILoggingEvent> warnings() {
    return events().stream().filter(e -> e.getLevel() == Level.WARN).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
