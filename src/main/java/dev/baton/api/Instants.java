package dev.baton.api;

import java.time.Duration;
import java.time.Instant;

/** How the API writes times: ISO-8601 instants in UTC, durations in whole seconds. */
final class Instants {
  private Instants() {}

  static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  static Long seconds(Duration duration) {
    return duration == null ? null : duration.toSeconds();
  }
}
