package dev.baton.store;

import static org.junit.jupiter.api.Assertions.fail;

import dev.baton.pipeline.InvariantModelTest;
import dev.baton.pipeline.model.AuditChain;
import dev.baton.pipeline.port.PipelineStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.transaction.TransactionOperations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The randomised invariant test of the core on the real store: H2 always, PostgreSQL when {@code
 * BATON_TEST_POSTGRES_URL} is set (required on CI). A twentieth of the in-memory schedule count
 * each, with the tables emptied between schedules.
 */
class InvariantModelJdbcTest {
  private static final String[] TABLES = {
    "audit_event",
    "promotion_step",
    "lease",
    "env_freeze",
    "approval",
    "promotion",
    "deployment",
    "release"
  };

  @Test
  void invariantsHoldOnH2(@TempDir Path dir) {
    String url =
        "jdbc:h2:file:"
            + dir.resolve("baton")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    try (ApplicationContext ctx = boot(url, "sa", "")) {
      run(ctx);
    }
  }

  @Test
  void invariantsHoldOnPostgres() throws Exception {
    String url = System.getenv("BATON_TEST_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("BATON_TEST_POSTGRES_URL not set on CI: the PostgreSQL invariant test must run");
      }
      Assumptions.abort("BATON_TEST_POSTGRES_URL not set: PostgreSQL invariant test skipped");
    }
    String user = System.getenv().getOrDefault("BATON_TEST_POSTGRES_USER", "postgres");
    String password = System.getenv().getOrDefault("BATON_TEST_POSTGRES_PASSWORD", "");
    String schema = "baton_inv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(url, user, password, "CREATE SCHEMA " + schema);
    try (ApplicationContext ctx =
        boot(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password)) {
      run(ctx);
    } finally {
      execute(url, user, password, "DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private static void run(ApplicationContext ctx) {
    PipelineStore store = ctx.getBean(JdbcPipelineStore.class);
    long seed = Long.getLong("baton.invariants.seed", System.nanoTime());
    int count = Math.max(20, InvariantModelTest.schedules() / 20);
    InvariantModelTest.runSchedules(
        count,
        seed,
        () -> {
          reset(ctx);
          return store;
        });
  }

  private static ApplicationContext boot(String url, String user, String password) {
    return ApplicationContext.run(
        Map.of(
            "datasources.default.url", url,
            "datasources.default.username", user,
            "datasources.default.password", password,
            "datasources.default.dialect", "POSTGRES",
            "baton.runner.sweep-enabled", false));
  }

  @SuppressWarnings("unchecked")
  private static void reset(ApplicationContext ctx) {
    TransactionOperations<Connection> tx =
        ctx.getBean(Argument.of(TransactionOperations.class, Connection.class));
    tx.executeWrite(
        status -> {
          try (Statement s = status.getConnection().createStatement()) {
            for (String table : TABLES) {
              s.executeUpdate("DELETE FROM " + table);
            }
            s.executeUpdate(
                "UPDATE audit_head SET seq = 0, hash = '" + AuditChain.GENESIS + "' WHERE id = 1");
          }
          return null;
        });
  }

  private static void execute(String url, String user, String password, String sql)
      throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
