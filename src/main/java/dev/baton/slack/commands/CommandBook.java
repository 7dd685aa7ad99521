package dev.baton.slack.commands;

import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.Refusal;
import dev.baton.pipeline.dora.DoraQueries;
import dev.baton.slack.blocks.Text;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every command Baton understands, by name: the slash commands and the same words after a mention
 * ({@code @Baton audit prod}). Parses before the acknowledgement; runs later, turning refusals into
 * answers for people.
 */
public final class CommandBook {
  private static final Logger LOG = LoggerFactory.getLogger(CommandBook.class);

  private final PipelineCore core;
  private final Map<String, BatonCommand<?>> commands = new LinkedHashMap<>();
  private final DoraCommand dora;
  private final PromoteCommand promote;

  public CommandBook(PipelineCore core) {
    this(core, null);
  }

  /** With {@code /baton dora} answered from {@code doraQueries} (when not null). */
  public CommandBook(PipelineCore core, DoraQueries doraQueries) {
    this.core = core;
    this.dora = doraQueries == null ? null : new DoraCommand(doraQueries);
    this.promote = new PromoteCommand(core);
    for (BatonCommand<?> c :
        List.of(
            promote,
            new RollbackCommand(core),
            new AuditCommand(core),
            new FreezeCommand(core),
            new UnfreezeCommand(core),
            new BatonHelpCommand(core, this::help))) {
      commands.put(c.name(), c);
    }
  }

  public List<String> names() {
    return List.copyOf(commands.keySet());
  }

  public Optional<BatonCommand<?>> find(String name) {
    return Optional.ofNullable(commands.get(name));
  }

  public String help() {
    StringBuilder b = new StringBuilder("*Baton* carries one build through ");
    b.append(Vocabulary.of(core.queries().pipeline()).chain()).append(".\n");
    for (BatonCommand<?> c : commands.values()) {
      b.append("• `").append(c.usage()).append("` — ").append(c.summary()).append('\n');
    }
    if (dora != null) {
      b.append("• `").append(dora.usage()).append("` — ").append(dora.summary()).append('\n');
    }
    b.append("Mention me with the same words, e.g. `@Baton audit prod --since 24h`.");
    return b.toString();
  }

  /** A parsed command, ready to run. */
  public record Prepared<T>(BatonCommand<T> command, T request) {
    public Reply immediate() {
      return command.immediate(request);
    }
  }

  /** Parses {@code text} for the command; throws {@link UsageError} with the usage line. */
  public Prepared<?> prepare(String name, String text, Instant now) {
    if (dora != null && isDora(name, text)) {
      return prepare(dora, name.equals("baton") ? afterFirstWord(text) : text, now);
    }
    BatonCommand<?> c =
        find(name)
            .orElseThrow(
                () ->
                    new UsageError(
                        "Baton has no command `"
                            + name
                            + "`. It knows: "
                            + String.join(", ", names())
                            + " (`/baton help`)"));
    return prepare(c, text, now);
  }

  /** {@code /baton dora …}, or {@code @Baton dora …}: a sub-command, not a slash command. */
  private static boolean isDora(String name, String text) {
    List<String> w = Words.split(text == null ? "" : text);
    return name.equals("dora") || (name.equals("baton") && !w.isEmpty() && w.get(0).equals("dora"));
  }

  private static String afterFirstWord(String text) {
    List<String> w = Words.split(text);
    return String.join(" ", w.subList(1, w.size()));
  }

  private <T> Prepared<T> prepare(BatonCommand<T> c, String text, Instant now) {
    try {
      return new Prepared<>(c, c.parse(text, Vocabulary.of(core.queries().pipeline()), now));
    } catch (UsageError e) {
      throw new UsageError("⚠️ " + e.getMessage() + ".\nUsage: `" + c.usage() + "`");
    }
  }

  /** The configured apps and the chain's environments, as the parsers know them. */
  public Vocabulary vocabulary() {
    return Vocabulary.of(core.queries().pipeline());
  }

  /**
   * What the request modal should preselect when {@code /name text} asks for it ({@code /promote}
   * alone or with just an app); null when the text is a command to parse as usual. Throws {@link
   * UsageError} with the usage line for a single word that is no app.
   */
  public PromoteCommand.FormRequest formFor(String name, String text) {
    if (!name.equals(promote.name())) {
      return null;
    }
    try {
      return PromoteCommand.asForm(text, vocabulary());
    } catch (UsageError e) {
      throw new UsageError("⚠️ " + e.getMessage() + ".\nUsage: `" + promote.usage() + "`");
    }
  }

  /**
   * Runs a promotion request from the modal exactly as {@code /promote} runs its parsed text: the
   * same core call, authorisation and answer.
   */
  public Reply promote(PromoteCommand.Request request, String actor) {
    return run(new Prepared<>(promote, request), actor);
  }

  /** Runs a prepared command as {@code actor}; refusals and failures become answers. */
  public <T> Reply run(Prepared<T> prepared, String actor) {
    try {
      return prepared.command().run(prepared.request(), actor);
    } catch (Refusal r) {
      return refused(r);
    } catch (UsageError e) {
      return Reply.ephemeral(e.getMessage());
    } catch (RuntimeException e) {
      return failed(prepared.command().name(), e);
    }
  }

  /** The core's refusal as people see it: its own words, marked by kind. */
  public static Reply refused(Refusal r) {
    String mark =
        switch (r.kind()) {
          case FORBIDDEN -> "⛔ ";
          case NOT_FOUND -> "❓ ";
          case UNAVAILABLE -> "🔌 ";
          default -> "⚠️ ";
        };
    return Reply.ephemeral(mark + Text.reason(r.getMessage()));
  }

  public static Reply failed(String what, RuntimeException e) {
    String ref = UUID.randomUUID().toString().substring(0, 8);
    LOG.error("{} failed (ref {})", what, ref, e);
    return Reply.ephemeral(
        "💥 Baton could not do that because of an internal error (ref " + ref + " in its log).");
  }
}
