package dev.baton.slack.commands;

import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.guard.Durations;
import dev.baton.pipeline.model.Freeze;
import dev.baton.slack.blocks.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code /freeze <env> [duration] [reason]}: promotions into {@code env} wait; rollbacks don't. */
public final class FreezeCommand implements BatonCommand<FreezeCommand.Request> {
  /** {@code duration} null freezes until someone unfreezes. */
  public record Request(String env, Duration duration, String reason) {}

  private final PipelineCore core;

  public FreezeCommand(PipelineCore core) {
    this.core = core;
  }

  @Override
  public String name() {
    return "freeze";
  }

  @Override
  public String usage() {
    return "/freeze <env> [duration] [reason]";
  }

  @Override
  public String summary() {
    return "stop promotions into <env> (for 2h, 1d… or until unfrozen); rollbacks still work";
  }

  @Override
  public Request parse(String text, Vocabulary words, Instant now) {
    List<String> w = Words.split(text);
    if (w.isEmpty()) {
      throw new UsageError("give the environment to freeze");
    }
    String env = words.env(w.get(0));
    Duration duration = w.size() > 1 ? Words.span(w.get(1)) : null;
    if (duration != null && duration.isZero()) {
      throw new UsageError("the duration must be more than 0");
    }
    int reasonFrom = duration == null ? 1 : 2;
    String reason =
        w.size() > reasonFrom
            ? Words.unquote(String.join(" ", w.subList(reasonFrom, w.size())))
            : null;
    if (reason != null && reason.length() > 500) {
      throw new UsageError("keep the reason under 500 characters");
    }
    return new Request(env, duration, reason == null || reason.isBlank() ? null : reason);
  }

  @Override
  public Reply run(Request r, String actor) {
    Freeze f = core.freezes().freeze(r.env(), r.duration(), r.reason(), actor);
    return Reply.ephemeral(
        "🧊 *"
            + Text.escape(r.env())
            + "* is frozen "
            + (f.until() == null
                ? "until someone unfreezes it"
                : "for " + Durations.human(r.duration()) + ", until " + Text.date(f.until()))
            + ". Promotions into it wait; rollbacks are still allowed.");
  }
}
