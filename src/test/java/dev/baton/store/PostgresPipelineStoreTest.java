package dev.baton.store;

import dev.baton.testing.PostgresExtension;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract against the JDBC store on PostgreSQL, when {@code BATON_TEST_POSTGRES_URL} names one
 * (see {@link PostgresExtension}). Without it every case is skipped, except on CI ({@code
 * CI=true}), where the class fails. Runs in a schema of its own (Flyway migrates it from scratch),
 * dropped afterwards.
 */
class PostgresPipelineStoreTest extends JdbcPipelineStoreContract {
  @RegisterExtension
  static final PostgresExtension POSTGRES =
      new PostgresExtension("baton_test_", "the PostgreSQL store contract");

  private static ApplicationContext context;

  @BeforeAll
  static void start() {
    POSTGRES
        .databaseIfSet()
        .ifPresent(db -> context = boot(db.schemaUrl(), db.user(), db.password()));
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
      context = null;
    }
  }

  @Override
  protected ApplicationContext context() {
    POSTGRES.database(); // skips the case, with the reason, when no PostgreSQL is set
    return context;
  }
}
