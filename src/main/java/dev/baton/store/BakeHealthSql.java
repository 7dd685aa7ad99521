package dev.baton.store;

import dev.baton.pipeline.analysis.BakeHealth;
import dev.baton.pipeline.analysis.MetricEvaluation.Evaluation;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code bake_health} table, in hand-written SQL. The upsert is an UPDATE and, when it changed
 * no row, an INSERT: portable between H2 and PostgreSQL, and safe because writers are serialised by
 * the audit head lock.
 */
@Singleton
class BakeHealthSql {
  private static final String COLUMNS =
      "app, env, release_tag, rollout_ended_at, healthy_since, last_evaluated_at, last_kind,"
          + " last_text, last_conclusive_at, breached_at, next_due";

  private final Jdbc jdbc;

  BakeHealthSql(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  void put(BakeHealth h) {
    int changed =
        jdbc.update(
            "UPDATE bake_health SET rollout_ended_at = ?, healthy_since = ?,"
                + " last_evaluated_at = ?, last_kind = ?, last_text = ?, last_conclusive_at = ?,"
                + " breached_at = ?, next_due = ? WHERE app = ? AND env = ? AND release_tag = ?",
            values(Params.of(), h).text(h.app()).text(h.env()).text(h.releaseTag()));
    if (changed == 0) {
      jdbc.update(
          "INSERT INTO bake_health (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          values(Params.of().text(h.app()).text(h.env()).text(h.releaseTag()), h));
    }
  }

  boolean claim(BakeHealth claimed, Instant nextDue) {
    return jdbc.update(
            "UPDATE bake_health SET next_due = ?"
                + " WHERE app = ? AND env = ? AND release_tag = ? AND next_due = ?",
            Params.of()
                .time(nextDue)
                .text(claimed.app())
                .text(claimed.env())
                .text(claimed.releaseTag())
                .time(claimed.nextDue()))
        == 1;
  }

  Optional<BakeHealth> find(String app, String env, String releaseTag) {
    return jdbc.one(
        "SELECT " + COLUMNS + " FROM bake_health WHERE app = ? AND env = ? AND release_tag = ?",
        Params.of().text(app).text(env).text(releaseTag),
        BakeHealthSql::row);
  }

  List<BakeHealth> due(Instant until, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM bake_health WHERE next_due <= ?"
            + " ORDER BY next_due, app, env, release_tag LIMIT ?",
        Params.of().time(until).integer(Math.max(0, limit)),
        BakeHealthSql::row);
  }

  private static Params values(Params p, BakeHealth h) {
    return p.time(h.rolloutEndedAt())
        .time(h.healthySince())
        .time(h.lastEvaluatedAt())
        .name(h.lastKind())
        .text(h.lastText())
        .time(h.lastConclusiveAt())
        .time(h.breachedAt())
        .time(h.nextDue());
  }

  private static BakeHealth row(ResultSet rs) throws SQLException {
    String kind = rs.getString("last_kind");
    return new BakeHealth(
        rs.getString("app"),
        rs.getString("env"),
        rs.getString("release_tag"),
        Jdbc.time(rs, "rollout_ended_at"),
        Jdbc.time(rs, "healthy_since"),
        Jdbc.time(rs, "last_evaluated_at"),
        kind == null ? null : Evaluation.Kind.valueOf(kind),
        rs.getString("last_text"),
        Jdbc.time(rs, "last_conclusive_at"),
        Jdbc.time(rs, "breached_at"),
        Jdbc.time(rs, "next_due"));
  }
}
