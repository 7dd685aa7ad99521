package dev.baton.config;

import dev.baton.config.EnvironmentProperties.BlackoutProperties;
import dev.baton.config.EnvironmentProperties.WindowProperties;
import dev.baton.pipeline.model.Blackout;
import dev.baton.pipeline.model.DeploymentSchedule;
import dev.baton.pipeline.model.DeploymentWindow;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks and reads an environment's {@code windows} and {@code blackouts}. {@link #check} reports
 * every bad value under its key; {@link #schedule} reads values that passed it.
 */
final class WindowRules {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm").withResolverStyle(ResolverStyle.STRICT);

  private WindowRules() {}

  static void check(EnvironmentProperties env, Problems problems) {
    for (WindowProperties w : env.windows()) {
      String k = env.key() + ".windows[" + w.index() + "].";
      try {
        DeploymentWindow.parseDays(days(w));
      } catch (IllegalArgumentException e) {
        problems.add(k + "days", e.getMessage());
      }
      LocalTime from = time(k + "from", w.from(), problems);
      LocalTime to = time(k + "to", w.to(), problems);
      zone(k + "zone", w.zone(), problems);
      if (from != null && from.equals(to)) {
        problems.add(
            k + "to",
            "equals from (" + w.from() + "): a window needs a length; for all day, leave it out");
      }
    }
    for (BlackoutProperties b : env.blackouts()) {
      String k = env.key() + ".blackouts[" + b.index() + "].";
      LocalDateTime from = dateTime(k + "from", b.from(), problems);
      LocalDateTime to = dateTime(k + "to", b.to(), problems);
      zone(k + "zone", b.zone(), problems);
      if (from != null && to != null && !to.isAfter(from)) {
        problems.add(k + "to", "'" + b.to() + "' must be after from '" + b.from() + "'");
      }
    }
  }

  /** The environment's schedule; its values have passed {@link #check}. */
  static DeploymentSchedule schedule(EnvironmentProperties env) {
    List<DeploymentWindow> windows = new ArrayList<>();
    for (WindowProperties w : env.windows()) {
      windows.add(
          new DeploymentWindow(
              DeploymentWindow.parseDays(days(w)),
              LocalTime.parse(w.from(), CLOCK),
              LocalTime.parse(w.to(), CLOCK),
              zoneOf(w.zone())));
    }
    List<Blackout> blackouts = new ArrayList<>();
    for (BlackoutProperties b : env.blackouts()) {
      blackouts.add(
          new Blackout(
              LocalDateTime.parse(b.from()),
              LocalDateTime.parse(b.to()),
              zoneOf(b.zone()),
              b.reason()));
    }
    return new DeploymentSchedule(windows, blackouts);
  }

  private static List<String> days(WindowProperties w) {
    return w.days().isEmpty() ? List.of("MON-SUN") : w.days();
  }

  private static LocalTime time(String key, String value, Problems problems) {
    if (value == null) {
      problems.add(key, "is required (HH:mm, e.g. \"09:00\")");
      return null;
    }
    try {
      return LocalTime.parse(value, CLOCK);
    } catch (DateTimeParseException e) {
      problems.add(
          key,
          "'"
              + value
              + "' is not a time HH:mm"
              + (value.matches("\\d+")
                  ? " (YAML reads an unquoted 16:00 as a number; write \"16:00\")"
                  : ""));
      return null;
    }
  }

  private static LocalDateTime dateTime(String key, String value, Problems problems) {
    if (value == null) {
      problems.add(key, "is required (a local date-time, e.g. 2026-12-20T00:00)");
      return null;
    }
    try {
      return LocalDateTime.parse(value);
    } catch (DateTimeParseException e) {
      problems.add(key, "'" + value + "' is not a local date-time such as 2026-12-20T00:00");
      return null;
    }
  }

  private static void zone(String key, String value, Problems problems) {
    if (value == null) {
      return;
    }
    try {
      ZoneId.of(value);
    } catch (DateTimeException e) {
      problems.add(
          key,
          "'"
              + value
              + "' is not a time-zone ID"
              + Suggestions.closest(value, ZoneId.getAvailableZoneIds())
                  .map(z -> "; did you mean " + z + "?")
                  .orElse(" (e.g. Europe/Berlin, America/New_York, UTC)"));
    }
  }

  private static ZoneId zoneOf(String value) {
    return ZoneId.of(value == null ? "UTC" : value);
  }
}
