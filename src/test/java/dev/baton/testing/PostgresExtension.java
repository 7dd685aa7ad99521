package dev.baton.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL a test class runs against, when {@code BATON_TEST_POSTGRES_URL} names one (user
 * and password in {@code BATON_TEST_POSTGRES_USER} / {@code BATON_TEST_POSTGRES_PASSWORD}, default
 * user {@code postgres}). Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresExtension POSTGRES = new PostgresExtension("baton_ha_", "the HA test on PostgreSQL");
 * }</pre>
 *
 * and call {@link #database()} where a test needs the database ({@link #databaseIfSet()} in
 * {@code @BeforeAll} when every case does). The first call creates a schema of the class's own
 * (Flyway migrates it from scratch when Baton boots on {@link Database#schemaUrl()}); it is dropped
 * after the class, once its {@code @AfterAll} methods have closed what used it. Without the URL the
 * call fails the test on CI ({@code CI=true}) and skips it, with the reason, everywhere else.
 */
public final class PostgresExtension implements AfterAllCallback {
  public static final String URL = "BATON_TEST_POSTGRES_URL";

  /** A reachable PostgreSQL and the schema created for this test class. */
  public record Database(String url, String user, String password, String schema) {
    /** The JDBC URL whose connections work in the schema. */
    public String schemaUrl() {
      return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Runs one statement outside the schema (on the server's default search path). */
    public void execute(String sql) throws SQLException {
      try (Connection c = DriverManager.getConnection(url, user, password);
          Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }
  }

  private final String schemaPrefix;
  private final String what;
  private Database database;

  /**
   * @param schemaPrefix the schema's name before its random part, e.g. {@code baton_ha_}
   * @param what what is skipped or must run, for the message, e.g. {@code the multi-replica test on
   *     PostgreSQL}
   */
  public PostgresExtension(String schemaPrefix, String what) {
    this.schemaPrefix = schemaPrefix;
    this.what = what;
  }

  /** The database; fails on CI and skips elsewhere when no URL is set. */
  public synchronized Database database() {
    if (database != null) {
      return database;
    }
    String url = System.getenv(URL);
    if (url == null || url.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(URL + " not set on CI: " + what + " must run");
      }
      Assumptions.abort(URL + " not set: " + what + " skipped");
    }
    String schema = schemaPrefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Database created =
        new Database(
            url,
            envOr("BATON_TEST_POSTGRES_USER", "postgres"),
            envOr("BATON_TEST_POSTGRES_PASSWORD", ""),
            schema);
    try {
      created.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create schema " + schema + " on " + url, e);
    }
    database = created;
    return database;
  }

  /**
   * For {@code @BeforeAll}: the database when a URL is set; empty (each case then skips itself
   * through {@link #database()}, visibly) when not; fails on CI.
   */
  public Optional<Database> databaseIfSet() {
    String url = System.getenv(URL);
    if ((url == null || url.isBlank()) && !"true".equalsIgnoreCase(System.getenv("CI"))) {
      return Optional.empty();
    }
    return Optional.of(database());
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) throws SQLException {
    if (database != null) {
      Database dropped = database;
      database = null;
      dropped.execute("DROP SCHEMA " + dropped.schema() + " CASCADE");
    }
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
