package dev.baton.store;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On PostgreSQL, LISTENs on a connection of its own for the wake-ups and hand-overs other replicas
 * announce (see {@link Jdbc#announceWakeUp()}), and runs {@code onNotice} for each batch — so a
 * promotion handed over at shutdown is resumed within milliseconds rather than at the next poll.
 * After a lost connection it reconnects with a growing pause and runs {@code onNotice} once, since
 * announcements made meanwhile are lost. On H2 it does nothing: the wake-ups' poll finds the same.
 */
@Singleton
@Requires(property = "datasources.default.url", pattern = "jdbc:postgresql:.*")
public class WakeUpListener {
  private static final Logger LOG = LoggerFactory.getLogger(WakeUpListener.class);
  private static final int WAIT_MS = 1000;
  private static final long MAX_PAUSE_MS = 10_000;

  private final DatasourceConfiguration datasource;
  private volatile boolean closed;
  private Thread thread;

  public WakeUpListener(@Named("default") DatasourceConfiguration datasource) {
    this.datasource = datasource;
  }

  /** Starts listening in the background; {@code onNotice} must be quick and must not throw. */
  public synchronized void start(Runnable onNotice) {
    if (thread != null) {
      return;
    }
    thread = new Thread(() -> listen(onNotice), "baton-wake-up-listener");
    thread.setDaemon(true);
    thread.start();
  }

  private void listen(Runnable onNotice) {
    long pause = 500;
    boolean failing = false;
    while (!closed) {
      try (Connection c = connect()) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + Jdbc.WAKE_UP_CHANNEL);
        }
        if (failing) {
          LOG.info("Listening for other replicas' wake-ups again");
          failing = false;
        }
        pause = 500;
        onNotice.run(); // whatever was announced while this connection was down
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] notices = pg.getNotifications(WAIT_MS);
          if (notices != null && notices.length > 0) {
            onNotice.run();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        if (!failing) {
          LOG.warn(
              "Not listening for other replicas' wake-ups ({}); the poll finds them, trying again",
              e.toString());
          failing = true;
        }
        sleep(pause);
        pause = Math.min(MAX_PAUSE_MS, pause * 2);
      }
    }
  }

  private Connection connect() throws SQLException {
    Properties props = new Properties();
    if (datasource.getUsername() != null) {
      props.setProperty("user", datasource.getUsername());
    }
    if (datasource.getPassword() != null) {
      props.setProperty("password", datasource.getPassword());
    }
    String url = datasource.getJdbcUrl() != null ? datasource.getJdbcUrl() : datasource.getUrl();
    return DriverManager.getConnection(url, props);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @PreDestroy
  void stop() {
    closed = true;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }
}
