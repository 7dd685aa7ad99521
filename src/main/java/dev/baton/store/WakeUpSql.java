package dev.baton.store;

import dev.baton.pipeline.model.WakeUp;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code wake_up} table, in hand-written SQL. */
@Singleton
class WakeUpSql {
  private final Jdbc jdbc;

  WakeUpSql(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  void put(WakeUp w) {
    jdbc.update("DELETE FROM wake_up WHERE id = ?", Params.of().text(w.id()));
    jdbc.update(
        "INSERT INTO wake_up (id, promotion_id, kind, due_at) VALUES (?, ?, ?, ?)",
        Params.of().text(w.id()).text(w.promotionId()).name(w.kind()).time(w.at()));
    announce();
  }

  /** Tells the other replicas at commit to look at the wake-ups (and leases) again. */
  void announce() {
    jdbc.announceWakeUp();
  }

  boolean claim(WakeUp w) {
    return jdbc.update(
            "DELETE FROM wake_up WHERE id = ? AND due_at = ?",
            Params.of().text(w.id()).time(w.at()))
        == 1;
  }

  void deleteFor(String promotionId) {
    jdbc.update("DELETE FROM wake_up WHERE promotion_id = ?", Params.of().text(promotionId));
  }

  List<WakeUp> due(Instant until, int limit) {
    return jdbc.query(
        "SELECT promotion_id, kind, due_at FROM wake_up WHERE due_at <= ?"
            + " ORDER BY due_at, id LIMIT ?",
        Params.of().time(until).integer(Math.max(0, limit)),
        rs ->
            new WakeUp(
                rs.getString("promotion_id"),
                WakeUp.Kind.valueOf(rs.getString("kind")),
                Jdbc.time(rs, "due_at")));
  }

  Optional<Instant> next() {
    return jdbc.one(
        "SELECT due_at FROM wake_up ORDER BY due_at LIMIT 1",
        Params.of(),
        rs -> Jdbc.time(rs, "due_at"));
  }
}
