package dev.baton.store;

import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.port.AuditQuery;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The hash-chained audit log: the head row that serialises writers, appends and queries. */
@Singleton
class AuditSql {
  /**
   * The chain's last row: seq 0 and 64 zeros before the first event.
   *
   * @param at the last event's time, or null before the first event
   */
  record Head(long seq, String hash, Instant at) {
    /**
     * The time to record for the next event: {@code now}, or the last event's time when {@code now}
     * is earlier (another replica's clock a little ahead). Times therefore never go backwards along
     * the chain, so the order of {@code at} is the order of {@code seq}, and a time-range query can
     * walk the {@code at} index newest first and stop at its limit.
     */
    Instant stamp(Instant now) {
      return at != null && now.isBefore(at) ? at : now;
    }
  }

  private static final String COLUMNS =
      "seq, at, actor, action, app, env, release_tag, promotion_id, detail, prev_hash, hash";

  /** H2 gives up waiting for a row lock after its LOCK_TIMEOUT (1 s by default): wait again. */
  private static final String H2_LOCK_TIMEOUT = "HYT00";

  private static final long LOCK_WAIT_NANOS = 120_000_000_000L;

  private final JdbcOperations ops;
  private final Jdbc jdbc;

  AuditSql(JdbcOperations ops, Jdbc jdbc) {
    this.ops = ops;
    this.jdbc = jdbc;
  }

  /**
   * Locks the head row until the transaction ends. Every writing transaction does this first, so
   * writers run one at a time, across every connection and every replica.
   */
  Head lockHead() {
    long deadline = System.nanoTime() + LOCK_WAIT_NANOS;
    return ops.prepareStatement(
        "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
        ps -> {
          while (true) {
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new IllegalStateException("audit_head row is missing");
              }
              return new Head(rs.getLong("seq"), rs.getString("hash"), lastAt(rs.getLong("seq")));
            } catch (SQLException e) {
              if (!H2_LOCK_TIMEOUT.equals(e.getSQLState()) || System.nanoTime() > deadline) {
                throw e;
              }
            }
          }
        });
  }

  private Instant lastAt(long seq) {
    if (seq == 0) {
      return null;
    }
    return ops.prepareStatement(
        "SELECT at FROM audit_event WHERE seq = ?",
        ps -> {
          ps.setLong(1, seq);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Jdbc.time(rs, "at") : null;
          }
        });
  }

  /** Inserts the row and moves the head to it. */
  void append(AuditEvent e) {
    jdbc.update(
        "INSERT INTO audit_event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        Params.of()
            .num(e.seq())
            .time(e.at())
            .text(e.actor())
            .text(e.action())
            .text(e.app())
            .text(e.env())
            .text(e.releaseTag())
            .text(e.promotionId())
            .text(e.detail())
            .text(e.prevHash())
            .text(e.hash()));
    int moved =
        jdbc.update(
            "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1 AND seq = ?",
            Params.of().num(e.seq()).text(e.hash()).num(e.seq() - 1));
    if (moved != 1) {
      throw new IllegalStateException("audit head moved under a locked transaction");
    }
  }

  /** Rows matching the non-null filters, newest first; {@code to} is exclusive. */
  List<AuditEvent> query(AuditQuery q) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_event");
    List<String> where = new ArrayList<>();
    Params params = Params.of();
    if (q.app() != null) {
      where.add("app = ?");
      params.text(q.app());
    }
    if (q.env() != null) {
      where.add("env = ?");
      params.text(q.env());
    }
    if (q.releaseTag() != null) {
      where.add("release_tag = ?");
      params.text(q.releaseTag());
    }
    if (q.actor() != null) {
      where.add("actor = ?");
      params.text(q.actor());
    }
    if (q.from() != null) {
      where.add("at >= ?");
      params.time(q.from());
    }
    if (q.to() != null) {
      where.add("at < ?");
      params.time(q.to());
    }
    if (q.beforeSeq() != null) {
      where.add("seq < ?");
      params.num(q.beforeSeq());
    }
    if (!where.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", where));
    }
    sql.append(" ORDER BY ").append(leadingOrder(q)).append("seq DESC LIMIT ?");
    params.integer(Math.max(0, q.limit()));
    return jdbc.query(sql.toString(), params, AuditSql::event);
  }

  /**
   * The equality filter whose index should drive the query, as an ORDER BY prefix. The column is
   * fixed by its filter, so the order is unchanged; but H2 uses an index to avoid sorting only when
   * the ORDER BY starts with the index's columns (PostgreSQL does either way). Most selective
   * first. A time range alone is walked on the {@code at} index, newest first: {@code at} never
   * decreases along {@code seq} ({@link Head#stamp}), so the order is again the same.
   */
  private static String leadingOrder(AuditQuery q) {
    if (q.releaseTag() != null) {
      return "release_tag, ";
    }
    if (q.actor() != null) {
      return "actor, ";
    }
    if (q.env() != null) {
      return "env, ";
    }
    if (q.app() != null) {
      return "app, ";
    }
    if (q.from() != null || q.to() != null) {
      return "at DESC, ";
    }
    return "";
  }

  /** Rows with {@code seq >= fromSeq}, oldest first. */
  List<AuditEvent> from(long fromSeq, int limit) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM audit_event WHERE seq >= ? ORDER BY seq ASC LIMIT ?",
        Params.of().num(fromSeq).integer(Math.max(0, limit)),
        AuditSql::event);
  }

  private static AuditEvent event(ResultSet rs) throws SQLException {
    return new AuditEvent(
        rs.getLong("seq"),
        Jdbc.time(rs, "at"),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("app"),
        rs.getString("env"),
        rs.getString("release_tag"),
        rs.getString("promotion_id"),
        rs.getString("detail"),
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }
}
