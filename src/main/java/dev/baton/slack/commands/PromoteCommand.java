package dev.baton.slack.commands;

import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.model.BreakGlass;
import dev.baton.pipeline.model.Digests;
import dev.baton.slack.blocks.PromoteAnswer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /promote <app> <env> [tag] [--break-glass <reason> [--ticket <ref>]]}: promote what runs
 * in the previous link into {@code env}; with {@code --break-glass}, a promotion that may override
 * freezes, windows and bake time once its break-glass approvers approve. The reason is everything
 * after the flag; a ticket is {@code --ticket INC-123}, or else the first {@code ABC-123} in the
 * reason. {@code /promote} alone (or with only an app) opens the request modal instead ({@link
 * #asForm}); its submission becomes the same {@link Request} ({@link PromoteForm}).
 */
public final class PromoteCommand implements BatonCommand<PromoteCommand.Request> {
  /** What to promote; {@code tag} null means what runs in the source link now. */
  public record Request(String app, String env, String tag, BreakGlass breakGlass) {
    public Request(String app, String env, String tag) {
      this(app, env, tag, null);
    }
  }

  static final String BREAK_GLASS = "--break-glass";
  static final String TICKET = "--ticket";

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
    return "/promote <app> <env> [tag] [--break-glass <reason> [--ticket <ref>]]";
  }

  @Override
  public String summary() {
    return "promote what runs in the previous environment into <env>";
  }

  @Override
  public Request parse(String text, Vocabulary words, Instant now) {
    String t = text == null ? "" : text.replace('\u00a0', ' ');
    int flag = flagAt(t);
    BreakGlass breakGlass = flag < 0 ? null : breakGlass(t.substring(flag + BREAK_GLASS.length()));
    List<String> w = Words.split(flag < 0 ? t : t.substring(0, flag));
    if (w.size() < 2 || w.size() > 3) {
      throw new UsageError("give the app and the environment to promote into");
    }
    String tag = w.size() == 3 ? w.get(2) : null;
    if (tag != null && !Digests.isReleaseTag(tag)) {
      throw new UsageError("`" + tag + "` is not a release tag (YYYY.MM.DD.NNNN or a commit SHA)");
    }
    return new Request(words.app(w.get(0)), words.env(w.get(1)), tag, breakGlass);
  }

  /**
   * Whether {@code text} asks for the request modal rather than a promotion: nothing, or only a
   * configured app (which the modal then preselects). Null when it does not; throws {@link
   * UsageError} for a single word that is no app.
   */
  public static FormRequest asForm(String text, Vocabulary words) {
    String t = text == null ? "" : text.replace('\u00a0', ' ');
    if (flagAt(t) >= 0) {
      return null;
    }
    List<String> w = Words.split(t);
    if (w.isEmpty()) {
      return new FormRequest(null);
    }
    return w.size() == 1 ? new FormRequest(words.app(w.get(0))) : null;
  }

  /** {@code /promote} or {@code /promote <app>}: open the modal, with {@code app} or none. */
  public record FormRequest(String app) {}

  /** Where {@code --break-glass} starts as a word of its own, or -1. */
  private static int flagAt(String text) {
    Matcher m = Pattern.compile("(^|\\s)" + BREAK_GLASS + "(\\s|$)").matcher(text);
    return m.find() ? m.start() + m.group(1).length() : -1;
  }

  /** The reason (required) and an optional {@code --ticket <ref>} anywhere after the flag. */
  private static BreakGlass breakGlass(String rest) {
    List<String> reason = new ArrayList<>();
    String ticket = null;
    List<String> w = Words.split(rest);
    for (int i = 0; i < w.size(); i++) {
      if (w.get(i).equals(TICKET)) {
        if (i + 1 >= w.size() || !TICKET_REF.matcher(w.get(i + 1)).matches()) {
          throw new UsageError("--ticket needs a reference such as INC-123");
        }
        ticket = w.get(++i);
      } else {
        reason.add(w.get(i));
      }
    }
    String why = Words.unquote(String.join(" ", reason));
    if (why.isEmpty()) {
      throw new UsageError(
          "--break-glass needs a reason, e.g. --break-glass \"INC-123 login outage\"");
    }
    return BreakGlass.of(why, ticket);
  }

  static final Pattern TICKET_REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.#/-]{0,63}");

  @Override
  public Reply run(Request r, String actor) {
    if (r.breakGlass() != null) {
      return Reply.ephemeral(
          PromoteAnswer.of(
              core.promotions().request(r.app(), r.env(), r.tag(), actor, r.breakGlass())));
    }
    return Reply.ephemeral(request(core, r.app(), r.env(), r.tag(), actor));
  }

  /** Requests the promotion and says what happened; shared with the Promote button. */
  public static String request(
      PipelineCore core, String app, String env, String tag, String actor) {
    return PromoteAnswer.of(core.promotions().request(app, env, tag, actor));
  }
}
