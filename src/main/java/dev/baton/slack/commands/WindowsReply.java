package dev.baton.slack.commands;

import dev.baton.pipeline.model.Blackout;
import dev.baton.pipeline.model.DeploymentSchedule;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.slack.blocks.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /baton windows [env]}: each environment's weekly windows (in the zone they are written
 * in), its current and coming blackouts and its next opening, the instants as Slack dates so that
 * each reader sees them in their own time.
 */
final class WindowsReply {
  private WindowsReply() {}

  static String of(List<EnvironmentDefinition> envs, Instant now) {
    List<String> parts = new ArrayList<>();
    for (EnvironmentDefinition env : envs) {
      parts.add(environment(env, now));
    }
    return Text.lines(parts, Text.SECTION);
  }

  static String environment(EnvironmentDefinition env, Instant now) {
    DeploymentSchedule s = env.schedule();
    String name = "*" + Text.escape(env.name().toUpperCase(Locale.ROOT)) + "*";
    if (s.unrestricted()) {
      return name + ": 🟢 open any time (no windows or blackouts)";
    }
    List<String> lines = new ArrayList<>();
    lines.add(name + ": " + state(s, now));
    lines.add("windows: " + Text.escape(s.describeWindows()));
    for (Blackout b : s.blackouts()) {
      if (b.end().isAfter(now)) {
        lines.add(
            "⛔ blackout "
                + Text.date(b.start())
                + " – "
                + Text.date(b.end())
                + (b.reason() == null ? "" : " (" + Text.escape(b.reason()) + ")"));
      }
    }
    return String.join("\n", lines);
  }

  private static String state(DeploymentSchedule s, Instant now) {
    if (s.isOpen(now)) {
      return "🟢 open now";
    }
    Optional<Instant> opens = s.nextOpening(now);
    String why = s.blackoutAt(now).isPresent() ? "in a blackout" : "outside its windows";
    return "🔴 closed, "
        + why
        + opens.map(t -> "; opens " + Text.date(t)).orElse("; no opening is in sight");
  }
}
