package dev.baton.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.baton.pipeline.dora.Band;
import dev.baton.pipeline.dora.DoraFigures;
import dev.baton.pipeline.dora.DurationSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The DORA figures as a compact table: one monospaced row per environment, one section per app.
 * Durations are median/p90; each figure carries its DORA band.
 */
public final class DoraTable {
  static final String HEADER =
      String.format(
          Locale.ROOT,
          "%-10s %-17s %-20s %-15s %s",
          "env",
          "deploys",
          "lead time",
          "change fail",
          "restore");

  private DoraTable() {}

  /** The figures of each app, in order; {@code since} as asked ({@code 30d}). */
  public static Rendered build(List<List<DoraFigures>> apps, String since) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(
        section(
            s ->
                s.text(
                    markdownText("*DORA metrics* — last " + Text.escape(since) + ", median/p90"))));
    int fromCommit = 0;
    int fromRegistration = 0;
    for (List<DoraFigures> lanes : apps) {
      if (lanes.isEmpty()) {
        continue;
      }
      blocks.add(section(s -> s.text(markdownText(Text.clip(appText(lanes), Text.SECTION)))));
      for (DoraFigures f : lanes) {
        fromCommit += f.leadTime().fromCommit();
        fromRegistration += f.leadTime().fromRegistration();
      }
    }
    String basis =
        "Lead time from the commit for "
            + fromCommit
            + " deployment(s), from the registration (no committedAt) for "
            + fromRegistration
            + ". Rollbacks are not counted as deployments; they restore.";
    blocks.add(context(c -> c.elements(List.of(markdownText(basis)))));
    return new Rendered("DORA metrics, last " + since, blocks);
  }

  /** {@code *credreg*} and its table in a code block. */
  public static String appText(List<DoraFigures> lanes) {
    List<String> rows = new ArrayList<>();
    rows.add(HEADER);
    for (DoraFigures f : lanes) {
      rows.add(row(f));
    }
    return "*" + Text.escape(lanes.get(0).app()) + "*\n```" + String.join("\n", rows) + "```";
  }

  static String row(DoraFigures f) {
    return String.format(
        Locale.ROOT,
        "%-10s %-17s %-20s %-15s %s",
        clip(f.env(), 10),
        frequency(f.frequency()),
        durations(f.leadTime().duration(), f.leadTime().band()),
        failureRate(f.failureRate()),
        restore(f.restore()));
  }

  private static String frequency(DoraFigures.Frequency f) {
    String rate =
        f.perDay() >= 1
            ? String.format(Locale.ROOT, "%.1f/day", f.perDay())
            : String.format(Locale.ROOT, "%.1f/wk", f.perWeek());
    return rate + " " + band(f.band());
  }

  private static String durations(DurationSummary s, Band band) {
    if (s.count() == 0) {
      return "—";
    }
    return duration(s.median()) + "/" + duration(s.p90()) + " " + band(band);
  }

  private static String failureRate(DoraFigures.FailureRate r) {
    if (r.rate() == null) {
      return "—";
    }
    return Math.round(r.rate() * 100) + "% " + band(r.band());
  }

  private static String restore(DoraFigures.Restore r) {
    String open = r.open() == 0 ? "" : " (" + r.open() + " open)";
    return durations(r.duration(), r.band()) + open;
  }

  /** {@code 45s}, {@code 35m}, {@code 4h}, {@code 22h48m}, {@code 6d12h}. */
  static String duration(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return d.toMinutes() + "m";
    }
    if (s < 86_400 * 2) {
      long m = d.toMinutesPart();
      return d.toHours() + "h" + (m == 0 ? "" : m + "m");
    }
    long h = d.toHoursPart();
    return d.toDays() + "d" + (h == 0 ? "" : h + "h");
  }

  private static String band(Band band) {
    return band == null ? "" : band.name().toLowerCase(Locale.ROOT);
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
