package dev.baton.store;

import dev.baton.pipeline.model.AuditChain;
import dev.baton.pipeline.port.PipelineStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The contract against {@link JdbcPipelineStore} in a database that a subclass provides. The
 * context holds only what the store needs to be built: properties are set, and nothing but the
 * store bean (and what it depends on) is asked for.
 */
abstract class JdbcPipelineStoreContract extends PipelineStoreContract {
  private static final List<String> TABLES =
      List.of(
          "audit_event",
          "promotion_step",
          "lease",
          "env_freeze",
          "approval",
          "promotion",
          "deployment",
          "release");

  /** The running context of the subclass's database. */
  protected abstract ApplicationContext context();

  static ApplicationContext boot(String url, String user, String password) {
    return ApplicationContext.run(
        Map.of(
            "datasources.default.url", url,
            "datasources.default.username", user,
            "datasources.default.password", password,
            "datasources.default.dialect", "POSTGRES",
            "flyway.datasources.default.enabled", true));
  }

  @Override
  protected PipelineStore store() {
    PipelineStore store = context().getBean(JdbcPipelineStore.class);
    inTransaction(
        c -> {
          try (Statement s = c.createStatement()) {
            for (String table : TABLES) {
              s.executeUpdate("DELETE FROM " + table);
            }
            s.executeUpdate(
                "UPDATE audit_head SET seq = 0, hash = '" + AuditChain.GENESIS + "' WHERE id = 1");
          }
        });
    return store;
  }

  @Override
  protected void tamperAuditDetail(long seq, String detail) {
    inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE audit_event SET detail = ? WHERE seq = ?")) {
            ps.setString(1, detail);
            ps.setLong(2, seq);
            if (ps.executeUpdate() != 1) {
              throw new IllegalStateException("no audit row " + seq);
            }
          }
        });
  }

  interface SqlWork {
    void run(Connection connection) throws Exception;
  }

  @SuppressWarnings("unchecked")
  void inTransaction(SqlWork work) {
    TransactionOperations<Connection> tx =
        context().getBean(Argument.of(TransactionOperations.class, Connection.class));
    tx.executeWrite(
        status -> {
          work.run(status.getConnection());
          return null;
        });
  }
}
