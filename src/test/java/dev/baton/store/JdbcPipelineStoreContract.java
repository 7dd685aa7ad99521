package dev.baton.store;

import dev.baton.pipeline.port.PipelineStore;
import dev.baton.testing.InProcessBaton;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * The contract against {@link JdbcPipelineStore} in a database that a subclass provides. The
 * context holds only what the store needs to be built: properties are set, and nothing but the
 * store bean (and what it depends on) is asked for.
 */
abstract class JdbcPipelineStoreContract extends PipelineStoreContract {
  /** The running context of the subclass's database. */
  protected abstract ApplicationContext context();

  static ApplicationContext boot(String url, String user, String password) {
    return InProcessBaton.builder().database(url, user, password).start().context();
  }

  @Override
  protected PipelineStore store() {
    PipelineStore store = context().getBean(JdbcPipelineStore.class);
    InProcessBaton.emptyTables(context());
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
