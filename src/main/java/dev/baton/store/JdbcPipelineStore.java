package dev.baton.store;

import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.pipeline.port.StoreReads;
import dev.baton.pipeline.port.StoreTx;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import java.util.function.Function;

/**
 * The pipeline's state in H2 or PostgreSQL (Micronaut Data JDBC, schema in {@code
 * db/migration/V1__pipeline.sql}).
 *
 * <p>Every {@link #write} is one transaction whose first statement locks the audit chain's head row
 * ({@code SELECT ... FOR UPDATE}). Writers therefore run one at a time across every connection and
 * every replica: the chain gets a total order, and the core's read-check-write sequences see every
 * earlier commit. Any exception rolls the whole transaction back, audit rows included.
 */
@Singleton
public class JdbcPipelineStore implements PipelineStore {
  private final TransactionOperations<Connection> transactions;
  private final StoreTables tables;

  JdbcPipelineStore(TransactionOperations<Connection> transactions, StoreTables tables) {
    this.transactions = transactions;
    this.tables = tables;
  }

  @Override
  public <T> T write(Function<StoreTx, T> work) {
    return transactions.executeWrite(
        status -> {
          AuditSql.Head head = tables.audit().lockHead();
          return work.apply(new JdbcStoreTx(tables, head));
        });
  }

  @Override
  public <T> T read(Function<StoreReads, T> work) {
    return transactions.executeRead(status -> work.apply(new JdbcStoreReads(tables)));
  }

  @Override
  public List<AuditEvent> audit(AuditQuery query) {
    return transactions.executeRead(status -> tables.audit().query(query));
  }

  @Override
  public List<AuditEvent> auditFrom(long fromSeq, int limit) {
    return transactions.executeRead(status -> tables.audit().from(fromSeq, limit));
  }
}
