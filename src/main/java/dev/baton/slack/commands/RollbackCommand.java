package dev.baton.slack.commands;

import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.RollbackDesk;
import dev.baton.pipeline.model.Digests;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.slack.blocks.Text;
import java.time.Instant;
import java.util.List;

/** {@code /rollback <env> [app] [tag]}: put back the previous (or the named) release. */
public final class RollbackCommand implements BatonCommand<RollbackCommand.Request> {
  /** {@code app} null when the pipeline has one app; {@code tag} null for the previous release. */
  public record Request(String env, String app, String tag) {}

  private final PipelineCore core;

  public RollbackCommand(PipelineCore core) {
    this.core = core;
  }

  @Override
  public String name() {
    return "rollback";
  }

  @Override
  public String usage() {
    return "/rollback <env> [app] [tag]";
  }

  @Override
  public String summary() {
    return "put the previous release (or the named one) back into <env>";
  }

  @Override
  public Request parse(String text, Vocabulary words, Instant now) {
    List<String> w = Words.split(text);
    if (w.isEmpty() || w.size() > 3) {
      throw new UsageError("give the environment to roll back");
    }
    String env = words.env(w.get(0));
    String app = null;
    String tag = null;
    for (String word : w.subList(1, w.size())) {
      if (app == null && words.isApp(word)) {
        app = word;
      } else if (tag == null && Digests.isReleaseTag(word)) {
        tag = word;
      } else {
        throw new UsageError(
            "`" + word + "` is neither an app nor a release tag (YYYY.MM.DD.NNNN or a commit SHA)");
      }
    }
    return new Request(env, app, tag);
  }

  @Override
  public Reply run(Request r, String actor) {
    return Reply.ephemeral(rollback(core, r.env(), r.app(), r.tag(), actor));
  }

  /** Asks for the rollback and says what happened. */
  public static String rollback(
      PipelineCore core, String env, String app, String tag, String actor) {
    return rollback(core, env, app, tag, null, actor);
  }

  /**
   * Asks for the rollback and says what happened; shared with the Roll back button, which passes
   * the release its message showed as running ({@code shown}, null for none).
   */
  public static String rollback(
      PipelineCore core, String env, String app, String tag, String shown, String actor) {
    Promotion p = core.rollbacks().rollback(env, app, tag, shown, actor);
    String what =
        "*" + Text.escape(env) + "* to *" + Text.escape(p.app()) + "* " + Text.code(p.releaseTag());
    if (p.state() == PromotionState.PENDING_APPROVAL) {
      return "🕐 Rollback of "
          + what
          + " requested; it needs approval from "
          + Text.mentions(core.queries().pipeline().env(env).orElseThrow().policy().approvers())
          + ".";
    }
    return "↩️ Rolling back "
        + what
        + ". Migrations are not run again. Follow it in the release's thread.";
  }

  /** A click on a Roll back button whose message no longer shows what runs. */
  public static String outdated(RollbackDesk.Outdated o) {
    return "⚠️ This message is outdated: "
        + Text.escape(o.env())
        + " runs "
        + (o.runs() == null ? "nothing" : Text.code(o.runs()))
        + " now, not "
        + Text.code(o.shown())
        + ". Nothing was done; use `/rollback "
        + o.env()
        + " "
        + o.app()
        + "` if you still want to roll back.";
  }
}
