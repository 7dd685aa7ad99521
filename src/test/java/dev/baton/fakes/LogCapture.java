package dev.baton.fakes;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything logged through logback while attached, from every thread: each event as one line of
 * text (level, logger, formatted message, and the stack trace when an exception was logged).
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  /** One logged event. */
  public record Line(Level level, String logger, String message, String stackTrace) {
    public boolean hasThrowable() {
      return stackTrace != null;
    }

    /** All of the event's text, as a log file would hold it. */
    public String text() {
      return level + " " + logger + " - " + message + (stackTrace == null ? "" : "\n" + stackTrace);
    }
  }

  private final List<Line> lines = new ArrayList<>();
  private final Logger root;
  private final Level rootLevel;

  private LogCapture(Level level) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    setContext(context);
    setName("test-capture");
    start();
    if (level != null) {
      root.setLevel(level);
    }
    root.addAppender(this);
  }

  /** Captures at the configured levels. */
  public static LogCapture attach() {
    return new LogCapture(null);
  }

  /** Captures with the root logger lowered to {@code level} until closed. */
  public static LogCapture attach(Level level) {
    return new LogCapture(level);
  }

  @Override
  protected void append(ILoggingEvent e) {
    Line line =
        new Line(
            e.getLevel(),
            e.getLoggerName(),
            e.getFormattedMessage(),
            e.getThrowableProxy() == null ? null : render(e.getThrowableProxy()));
    synchronized (lines) {
      lines.add(line);
    }
  }

  private static String render(IThrowableProxy t) {
    StringBuilder b = new StringBuilder();
    for (IThrowableProxy p = t; p != null; p = p.getCause()) {
      b.append(p == t ? "" : "Caused by: ")
          .append(p.getClassName())
          .append(": ")
          .append(p.getMessage())
          .append('\n');
      for (StackTraceElementProxy s : p.getStackTraceElementProxyArray()) {
        b.append("\tat ").append(s.getStackTraceElement()).append('\n');
      }
    }
    return b.toString();
  }

  /** Events so far. */
  public List<Line> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** Events since the first {@code from}. */
  public List<Line> since(int from) {
    synchronized (lines) {
      return List.copyOf(lines.subList(Math.min(from, lines.size()), lines.size()));
    }
  }

  public int size() {
    synchronized (lines) {
      return lines.size();
    }
  }

  @Override
  public void close() {
    root.detachAppender(this);
    root.setLevel(rootLevel);
    stop();
  }
}
