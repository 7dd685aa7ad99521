package dev.baton.store;

import static org.junit.jupiter.api.Assertions.fail;

import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract against the JDBC store on PostgreSQL, when {@code BATON_TEST_POSTGRES_URL} names one
 * (user and password in {@code BATON_TEST_POSTGRES_USER} / {@code BATON_TEST_POSTGRES_PASSWORD},
 * default user {@code postgres}). Without it every case is skipped, except on CI ({@code CI=true}),
 * where the class fails. Runs in a schema of its own (Flyway migrates it from scratch), dropped
 * afterwards.
 */
class PostgresPipelineStoreTest extends JdbcPipelineStoreContract {
  private static final String SKIPPED =
      "BATON_TEST_POSTGRES_URL not set: PostgreSQL store contract skipped";

  private static String url;
  private static String user;
  private static String password;
  private static String schema;
  private static ApplicationContext context;

  @BeforeAll
  static void start() throws SQLException {
    url = System.getenv("BATON_TEST_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("BATON_TEST_POSTGRES_URL not set on CI: the PostgreSQL store contract must run");
      }
      return; // each case is skipped, visibly, by context()
    }
    user = envOr("BATON_TEST_POSTGRES_USER", "postgres");
    password = envOr("BATON_TEST_POSTGRES_PASSWORD", "");
    schema = "baton_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE SCHEMA " + schema);
    String separator = url.contains("?") ? "&" : "?";
    context = boot(url + separator + "currentSchema=" + schema, user, password);
  }

  @AfterAll
  static void stop() throws SQLException {
    if (context != null) {
      context.close();
    }
    if (schema != null) {
      execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  @Override
  protected ApplicationContext context() {
    Assumptions.assumeTrue(context != null, SKIPPED);
    return context;
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
