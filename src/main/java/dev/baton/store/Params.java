package dev.baton.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Positional parameters of one statement, each bound with its SQL type so that NULLs are typed
 * (PostgreSQL refuses an untyped NULL in some places).
 */
final class Params {
  private interface Binder {
    void bind(PreparedStatement ps, int index) throws SQLException;
  }

  private final List<Binder> binders = new ArrayList<>();

  static Params of() {
    return new Params();
  }

  Params text(String value) {
    binders.add(
        (ps, i) -> {
          if (value == null) {
            ps.setNull(i, Types.VARCHAR);
          } else {
            ps.setString(i, value);
          }
        });
    return this;
  }

  Params name(Enum<?> value) {
    return text(value == null ? null : value.name());
  }

  Params time(Instant value) {
    binders.add(
        (ps, i) -> {
          if (value == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
          } else {
            ps.setObject(i, UtcTime.toDb(value));
          }
        });
    return this;
  }

  Params num(long value) {
    binders.add((ps, i) -> ps.setLong(i, value));
    return this;
  }

  Params integer(int value) {
    binders.add((ps, i) -> ps.setInt(i, value));
    return this;
  }

  void bindTo(PreparedStatement ps) throws SQLException {
    for (int i = 0; i < binders.size(); i++) {
      binders.get(i).bind(ps, i + 1);
    }
  }
}
