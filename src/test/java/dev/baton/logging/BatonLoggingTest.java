package dev.baton.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** Baton's log set-up in code gives what logback.xml used to, and yields to an operator's file. */
class BatonLoggingTest {

  @Test
  void oneConsoleAppenderWithBatonsLineFormatAndTheQuietLibraries() {
    LoggerContext context = new LoggerContext();
    BatonLogging logging = new BatonLogging();
    logging.setContext(context);

    ExecutionStatus status = logging.configure(context, false, null);

    assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    var appender = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDOUT");
    assertThat(appender.isStarted()).isTrue();
    assertThat(((PatternLayoutEncoder) appender.getEncoder()).getPattern())
        .isEqualTo("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
    assertThat(context.getLogger("com.zaxxer.hikari.pool.HikariPool").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.flywaydb.core.Flyway").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(
            context.getLogger("org.flywaydb.core.internal.command.DbMigrate").getEffectiveLevel())
        .isEqualTo(Level.INFO);
    assertThat(context.getLogger("dev.baton.pipeline.PromotionRunner").getEffectiveLevel())
        .isEqualTo(Level.INFO);
  }

  @Test
  void theRootLevelComesFromBatonLogLevelAndABadValueKeepsInfo() {
    assertThat(BatonLogging.rootLevel("warn")).isEqualTo(Level.WARN);
    assertThat(BatonLogging.rootLevel(" DEBUG ")).isEqualTo(Level.DEBUG);
    assertThat(BatonLogging.rootLevel("loud")).isEqualTo(Level.INFO);
    assertThat(BatonLogging.rootLevel("")).isEqualTo(Level.INFO);
    LoggerContext context = new LoggerContext();
    BatonLogging logging = new BatonLogging();
    logging.setContext(context);
    logging.configure(context, false, "ERROR");
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.ERROR);
  }

  @Test
  void anOperatorsOwnFileWinsAndNothingIsSetUp() {
    LoggerContext context = new LoggerContext();
    BatonLogging logging = new BatonLogging();
    logging.setContext(context);

    assertThat(logging.configure(context, true, "ERROR"))
        .isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT")).isNull();
    assertThat(context.getLogger("com.zaxxer.hikari").getLevel()).isNull();
  }
}
