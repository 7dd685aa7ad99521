package dev.baton.pipeline.guard;

import java.time.Duration;

/** Human-readable durations for messages ("23h 5m", "42s"). */
public final class Durations {
  private Durations() {}

  public static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    long days = s / 86_400;
    long hours = (s % 86_400) / 3600;
    long minutes = (s % 3600) / 60;
    long seconds = s % 60;
    if (days > 0) {
      return days + "d " + hours + "h";
    }
    if (hours > 0) {
      return hours + "h " + minutes + "m";
    }
    if (minutes > 0) {
      return minutes + "m" + (seconds > 0 ? " " + seconds + "s" : "");
    }
    return seconds + "s";
  }
}
