package dev.baton.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Baton's log set-up, in code rather than in {@code logback.xml}: one console appender, the root
 * level from {@code BATON_LOG_LEVEL} (default INFO), Hikari and Flyway at WARN except which replica
 * applied which migrations. Parsing XML is a noticeable part of a start (an XML parser and
 * logback's configuration model are several hundred classes before Baton's first line); this does
 * the same in a few. An operator's own file still wins: with {@code -Dlogback.configurationFile}
 * (or a {@code logback-test.xml} on the class path, as the tests have) logback reads that as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class BatonLogging extends ContextAwareBase implements Configurator {
  /** The line format, as Baton has always logged. */
  public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    boolean ownFile =
        System.getProperty("logback.configurationFile") != null
            || BatonLogging.class.getClassLoader().getResource("logback-test.xml") != null;
    return configure(context, ownFile, System.getenv("BATON_LOG_LEVEL"));
  }

  /**
   * @param ownFile whether a logback file was given (then logback reads it, and this does nothing)
   * @param level {@code BATON_LOG_LEVEL}
   */
  ExecutionStatus configure(LoggerContext context, boolean ownFile, String level) {
    if (ownFile) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("STDOUT");
    console.setEncoder(encoder);
    console.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(rootLevel(level));
    root.addAppender(console);
    context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
    context.getLogger("org.flywaydb").setLevel(Level.WARN);
    // which replica applied which schema migrations (or found the schema up to date)
    context.getLogger("org.flywaydb.core.internal.command.DbMigrate").setLevel(Level.INFO);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The root level named by {@code value} (any case), INFO when unset or not a level. */
  static Level rootLevel(String value) {
    return value == null || value.isBlank() ? Level.INFO : Level.toLevel(value.trim(), Level.INFO);
  }
}
