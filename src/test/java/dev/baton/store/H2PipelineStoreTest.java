package dev.baton.store;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The contract against the JDBC store on an H2 file database in PostgreSQL mode. */
class H2PipelineStoreTest extends JdbcPipelineStoreContract {
  @TempDir static Path dir;
  private static ApplicationContext context;

  @BeforeAll
  static void start() {
    String url =
        "jdbc:h2:file:"
            + dir.resolve("baton").toAbsolutePath()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            // A session zone with daylight-saving time, whatever the JVM's: instants must not
            // depend on it (java.sql.Timestamp binding loses an hour when the summer time ends).
            + ";TIME ZONE=Europe/Berlin";
    context = boot(url, "sa", "");
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
  }

  @Override
  protected ApplicationContext context() {
    return context;
  }
}
