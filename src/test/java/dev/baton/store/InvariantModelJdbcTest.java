package dev.baton.store;

import dev.baton.pipeline.InvariantModelTest;
import dev.baton.pipeline.model.AuditChain;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.testing.PostgresExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.transaction.TransactionOperations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The randomised invariant test of the core on the real store: H2 always, PostgreSQL when {@code
 * BATON_TEST_POSTGRES_URL} is set (required on CI). A twentieth of the in-memory schedule count
 * each, with the tables emptied between schedules.
 */
class InvariantModelJdbcTest {
  @RegisterExtension
  static final PostgresExtension POSTGRES =
      new PostgresExtension("baton_inv_", "the PostgreSQL invariant test");

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
    PostgresExtension.Database db = POSTGRES.database();
    try (ApplicationContext ctx = boot(db.schemaUrl(), db.user(), db.password())) {
      run(ctx);
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
}
