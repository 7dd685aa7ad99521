package dev.baton.store;

import dev.baton.pipeline.InvariantModelTest;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.testing.InProcessBaton;
import dev.baton.testing.PostgresExtension;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
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

  @Test
  void invariantsHoldOnH2(@TempDir Path dir) {
    try (ApplicationContext ctx = boot(InProcessBaton.h2File(dir.resolve("baton")), "sa", "")) {
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
          InProcessBaton.emptyTables(ctx);
          return store;
        });
  }

  private static ApplicationContext boot(String url, String user, String password) {
    return InProcessBaton.builder().database(url, user, password).start().context();
  }
}
