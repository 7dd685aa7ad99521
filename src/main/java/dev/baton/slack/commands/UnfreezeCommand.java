package dev.baton.slack.commands;

import dev.baton.pipeline.PipelineCore;
import dev.baton.slack.blocks.Text;
import java.time.Instant;
import java.util.List;

/** {@code /unfreeze <env>}: promotions into {@code env} may run again. */
public final class UnfreezeCommand implements BatonCommand<String> {
  private final PipelineCore core;

  public UnfreezeCommand(PipelineCore core) {
    this.core = core;
  }

  @Override
  public String name() {
    return "unfreeze";
  }

  @Override
  public String usage() {
    return "/unfreeze <env>";
  }

  @Override
  public String summary() {
    return "let promotions into <env> run again";
  }

  @Override
  public String parse(String text, Vocabulary words, Instant now) {
    List<String> w = Words.split(text);
    if (w.size() != 1) {
      throw new UsageError("give exactly one environment");
    }
    return words.env(w.get(0));
  }

  @Override
  public Reply run(String env, String actor) {
    core.freezes().unfreeze(env, actor);
    return Reply.ephemeral(
        "🌤️ *"
            + Text.escape(env)
            + "* is unfrozen; waiting promotions start when their turn comes.");
  }
}
