package dev.baton.slack.commands;

import dev.baton.pipeline.dora.DoraFigures;
import dev.baton.pipeline.dora.DoraPeriod;
import dev.baton.pipeline.dora.DoraQueries;
import dev.baton.slack.blocks.DoraTable;
import dev.baton.slack.blocks.Rendered;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /baton dora [app] [env] [--since 30d]}: the DORA figures of one app (or every app) in one
 * environment (or every one), answered in the channel.
 */
public final class DoraCommand implements BatonCommand<DoraCommand.Request> {
  /** Null app or env: every one. */
  public record Request(String app, String env, Duration period) {}

  private final DoraQueries dora;

  public DoraCommand(DoraQueries dora) {
    this.dora = dora;
  }

  @Override
  public String name() {
    return "dora";
  }

  @Override
  public String usage() {
    return "/baton dora [app] [env] [--since 30d]";
  }

  @Override
  public String summary() {
    return "deployment frequency, lead time, change failure rate and time to restore";
  }

  @Override
  public Request parse(String text, Vocabulary words, Instant now) {
    List<String> w = Words.split(text);
    String app = null;
    String env = null;
    Duration period = DoraPeriod.DEFAULT;
    for (int i = 0; i < w.size(); i++) {
      String word = w.get(i);
      if (word.equals("--since") || word.startsWith("--since=")) {
        String value = word.contains("=") ? word.substring(word.indexOf('=') + 1) : null;
        if (value == null) {
          if (i + 1 >= w.size()) {
            throw new UsageError("`--since` needs a value such as 30d");
          }
          value = w.get(++i);
        }
        try {
          period = DoraPeriod.parse(value);
        } catch (IllegalArgumentException e) {
          throw new UsageError("`--since " + value + "`: " + DoraPeriod.USAGE);
        }
      } else if (word.startsWith("--")) {
        throw new UsageError("unknown option `" + word + "`");
      } else if (words.isApp(word) && app == null) {
        app = word;
      } else if (words.isEnv(word) && env == null) {
        env = word;
      } else {
        throw new UsageError(
            "`" + word + "` is not an app or an environment (" + words.chain() + ")");
      }
    }
    return new Request(app, env, period);
  }

  @Override
  public Reply run(Request r, String actor) {
    List<String> apps = r.app() == null ? dora.apps() : List.of(r.app());
    if (apps.isEmpty()) {
      return Reply.ephemeral("No apps are configured yet (baton.apps).");
    }
    List<List<DoraFigures>> figures = new ArrayList<>();
    for (String app : apps) {
      figures.add(dora.figures(app, r.env(), r.period()));
    }
    Rendered m = DoraTable.build(figures, DoraPeriod.text(r.period()));
    return new Reply(m.text(), m.blocks(), true);
  }
}
