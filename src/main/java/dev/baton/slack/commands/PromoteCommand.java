package dev.baton.slack.commands;

import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.model.Digests;
import dev.baton.slack.blocks.PromoteAnswer;
import java.time.Instant;
import java.util.List;

/** {@code /promote <app> <env> [tag]}: promote what runs in the previous link into {@code env}. */
public final class PromoteCommand implements BatonCommand<PromoteCommand.Request> {
  /** What to promote; {@code tag} null means what runs in the source link now. */
  public record Request(String app, String env, String tag) {}

  private final PipelineCore core;

  public PromoteCommand(PipelineCore core) {
    this.core = core;
  }

  @Override
  public String name() {
    return "promote";
  }

  @Override
  public String usage() {
    return "/promote <app> <env> [tag]";
  }

  @Override
  public String summary() {
    return "promote what runs in the previous environment into <env>";
  }

  @Override
  public Request parse(String text, Vocabulary words, Instant now) {
    List<String> w = Words.split(text);
    if (w.size() < 2 || w.size() > 3) {
      throw new UsageError("give the app and the environment to promote into");
    }
    String tag = w.size() == 3 ? w.get(2) : null;
    if (tag != null && !Digests.isReleaseTag(tag)) {
      throw new UsageError("`" + tag + "` is not a release tag (YYYY.MM.DD.NNNN or a commit SHA)");
    }
    return new Request(words.app(w.get(0)), words.env(w.get(1)), tag);
  }

  @Override
  public Reply run(Request r, String actor) {
    return Reply.ephemeral(request(core, r.app(), r.env(), r.tag(), actor));
  }

  /** Requests the promotion and says what happened; shared with the Promote button. */
  public static String request(
      PipelineCore core, String app, String env, String tag, String actor) {
    return PromoteAnswer.of(core.promotions().request(app, env, tag, actor));
  }
}
