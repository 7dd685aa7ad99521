package dev.baton.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Instants as {@code TIMESTAMP WITH TIME ZONE} values, written in UTC. Bound as {@link
 * OffsetDateTime} (supported by the H2 and PostgreSQL drivers), so that the JVM's default time zone
 * never takes part: no shift at daylight-saving changes. Instants keep microseconds (finer digits
 * are truncated, so that what a write returns equals what a later read gives).
 */
final class UtcTime {
  private UtcTime() {}

  /** Both databases keep microseconds: anything finer is cut off before it is written. */
  static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  static OffsetDateTime toDb(Instant instant) {
    return instant == null ? null : micros(instant).atOffset(ZoneOffset.UTC);
  }

  /** Accepts what the drivers return from {@code getObject} for a timestamp-with-zone column. */
  static Instant fromDb(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof ZonedDateTime zdt) {
      return zdt.toInstant();
    }
    if (value instanceof Timestamp ts) {
      return ts.toInstant();
    }
    if (value instanceof LocalDateTime ldt) {
      // Only a column without a zone would give this; the schema stores UTC.
      return ldt.toInstant(ZoneOffset.UTC);
    }
    throw new IllegalArgumentException("not a timestamp: " + value.getClass().getName());
  }
}
