package dev.baton.store;

import dev.baton.pipeline.port.StoreConflict;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hand-written SQL through {@link JdbcOperations}, on the connection of the current transaction.
 * Unique-key violations become {@link StoreConflict}.
 */
@Singleton
class Jdbc {
  /** SQLSTATE of a unique violation, the same on H2 and PostgreSQL. */
  static final String UNIQUE_VIOLATION = "23505";

  /** Maps the current row of a result set. */
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** The channel on which PostgreSQL announces new wake-ups to every replica. */
  static final String WAKE_UP_CHANNEL = "baton_wake_up";

  private final JdbcOperations ops;
  private volatile Boolean postgres;

  Jdbc(JdbcOperations ops) {
    this.ops = ops;
  }

  <T> List<T> query(String sql, Params params, RowMapper<T> mapper) {
    return ops.prepareStatement(
        sql,
        ps -> {
          params.bindTo(ps);
          List<T> rows = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(mapper.map(rs));
            }
          }
          return rows;
        });
  }

  <T> Optional<T> one(String sql, Params params, RowMapper<T> mapper) {
    List<T> rows = query(sql, params, mapper);
    if (rows.size() > 1) {
      throw new IllegalStateException("more than one row for: " + sql);
    }
    return rows.stream().findFirst();
  }

  /** Runs an insert, update or delete; returns the number of rows changed. */
  int update(String sql, Params params) {
    try {
      return ops.prepareStatement(
          sql,
          ps -> {
            params.bindTo(ps);
            return ps.executeUpdate();
          });
    } catch (DataAccessException e) {
      throw conflictOr(e);
    }
  }

  /**
   * On PostgreSQL, tells every listening replica at commit that a wake-up was written (NOTIFY is
   * transactional: a rolled-back write announces nothing). On H2 the replicas' poll finds it.
   */
  void announceWakeUp() {
    if (postgres()) {
      ops.prepareStatement(
          "SELECT pg_notify(?, '')",
          ps -> {
            ps.setString(1, WAKE_UP_CHANNEL);
            ps.executeQuery().close();
            return null;
          });
    }
  }

  private boolean postgres() {
    Boolean known = postgres;
    if (known == null) {
      known =
          ops.prepareStatement(
              "SELECT 1",
              ps -> "PostgreSQL".equals(ps.getConnection().getMetaData().getDatabaseProductName()));
      postgres = known;
    }
    return known;
  }

  static Instant time(ResultSet rs, String column) throws SQLException {
    return UtcTime.fromDb(rs.getObject(column, OffsetDateTime.class));
  }

  /** The {@link StoreConflict} a unique violation means, or the exception itself. */
  static RuntimeException conflictOr(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return new StoreConflict("duplicate key: " + sql.getMessage(), e);
      }
    }
    return e;
  }
}
