package dev.baton.slack.commands;

import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.PipelineQueries;
import dev.baton.slack.blocks.HomeView;
import dev.baton.slack.blocks.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code /baton status [app]}, {@code /baton windows [env]} and {@code /baton help}. */
public final class BatonHelpCommand implements BatonCommand<BatonHelpCommand.Request> {
  /**
   * {@code app} null: every app. {@code windows}: the deployment windows of {@code env}, or of
   * every environment when it is null.
   */
  public record Request(boolean help, String app, boolean windows, String env) {
    /** {@code /baton help} or {@code /baton status [app]}. */
    public Request(boolean help, String app) {
      this(help, app, false, null);
    }
  }

  private final PipelineCore core;
  private final Supplier<String> help;

  /**
   * @param help the help text, built from every command's usage
   */
  public BatonHelpCommand(PipelineCore core, Supplier<String> help) {
    this.core = core;
    this.help = help;
  }

  @Override
  public String name() {
    return "baton";
  }

  @Override
  public String usage() {
    return "/baton status [app] | /baton windows [env] | /baton help";
  }

  @Override
  public String summary() {
    return "what runs where (status), when each environment may deploy (windows), and this help";
  }

  @Override
  public Request parse(String text, Vocabulary words, Instant now) {
    List<String> w = Words.split(text);
    if (w.isEmpty() || (w.size() == 1 && w.get(0).equals("help"))) {
      return new Request(true, null);
    }
    if (w.get(0).equals("windows") && w.size() <= 2) {
      return new Request(false, null, true, w.size() == 2 ? words.env(w.get(1)) : null);
    }
    if (!w.get(0).equals("status") || w.size() > 2) {
      throw new UsageError("`" + String.join(" ", w) + "` is not something Baton knows");
    }
    return new Request(false, w.size() == 2 ? words.app(w.get(1)) : null);
  }

  @Override
  public Reply immediate(Request r) {
    return r.help() ? Reply.ephemeral(help.get()) : null;
  }

  @Override
  public Reply run(Request r, String actor) {
    if (r.help()) {
      return Reply.ephemeral(help.get());
    }
    if (r.windows()) {
      var pipeline = core.queries().pipeline();
      var envs =
          r.env() == null ? pipeline.environments() : List.of(pipeline.env(r.env()).orElseThrow());
      return Reply.ephemeral(WindowsReply.of(envs, core.queries().now()));
    }
    List<String> apps =
        r.app() == null
            ? new ArrayList<>(core.queries().pipeline().apps().keySet())
            : List.of(r.app());
    if (apps.isEmpty()) {
      return Reply.ephemeral("No apps are configured yet (baton.apps).");
    }
    List<String> parts = new ArrayList<>();
    Instant now = core.queries().now();
    for (String app : apps) {
      PipelineQueries.AppState state = core.queries().appState(app);
      parts.add(
          HomeView.appText(
              state, core.queries().unrecordedImages(app), core.queries().gitDrifts(app), now));
    }
    return Reply.ephemeral(Text.lines(parts, Text.SECTION));
  }
}
