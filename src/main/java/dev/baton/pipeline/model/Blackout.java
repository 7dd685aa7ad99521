package dev.baton.pipeline.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * A dated period in which no promotion starts, whatever the windows say: from {@code from}
 * (inclusive) to {@code to} (exclusive), local date-times in {@code zone}.
 *
 * @param reason what people are told, e.g. {@code holiday freeze}; may be null
 */
public record Blackout(LocalDateTime from, LocalDateTime to, ZoneId zone, String reason) {
  public Blackout {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("a blackout must end after it starts");
    }
  }

  public Instant start() {
    return from.atZone(zone).toInstant();
  }

  public Instant end() {
    return to.atZone(zone).toInstant();
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start()) && t.isBefore(end());
  }

  /** "2026-12-20T00:00–2027-01-04T09:00 Europe/Berlin (holiday freeze)". */
  public String describe() {
    return from + "–" + to + " " + zone.getId() + (reason == null ? "" : " (" + reason + ")");
  }
}
