package dev.baton.slack.commands;

import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Digests;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.slack.blocks.AuditMessage;
import dev.baton.slack.blocks.Rendered;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /audit [app] [env] [tag] [@user] [--since 24h] [--until 1h] [--limit N]}: the audit log,
 * newest first, answered in the channel.
 */
public final class AuditCommand implements BatonCommand<AuditCommand.Request> {
  static final int DEFAULT_LIMIT = 15;
  static final int MAX_LIMIT = 40;
  private static final int STEP_FETCH = 400;

  /** A step that went as planned; failures and retries are always shown. */
  static boolean isStepProgress(AuditEvent e) {
    return e.action() != null
        && (e.action().equals("step.succeeded") || e.action().equals("step.skipped"));
  }

  /** The filters; null fields do not filter. */
  public record Request(
      String app,
      String env,
      String tag,
      String user,
      Instant from,
      Instant to,
      int limit,
      String description,
      boolean steps) {}

  private final PipelineCore core;

  public AuditCommand(PipelineCore core) {
    this.core = core;
  }

  @Override
  public String name() {
    return "audit";
  }

  @Override
  public String usage() {
    return "/audit [app] [env] [tag] [@user] [--since 24h] [--until 1h] [--limit N] [--steps]";
  }

  @Override
  public String summary() {
    return "who did what, newest first (answered in the channel)";
  }

  @Override
  public Request parse(String text, Vocabulary words, Instant now) {
    List<String> w = Words.split(text);
    String app = null;
    String env = null;
    String tag = null;
    String user = null;
    Instant from = null;
    Instant to = null;
    int limit = DEFAULT_LIMIT;
    boolean steps = false;
    List<String> described = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      String word = w.get(i);
      if (word.equals("--steps")) {
        steps = true;
        described.add("with steps");
      } else if (word.startsWith("--")) {
        String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        String value = word.contains("=") ? word.substring(word.indexOf('=') + 1) : null;
        if (!List.of("--since", "--until", "--limit").contains(option)) {
          throw new UsageError("unknown option `" + option + "`");
        }
        if (value == null) {
          if (i + 1 >= w.size()) {
            throw new UsageError("`" + option + "` needs a value");
          }
          value = w.get(++i);
        }
        switch (option) {
          case "--since" -> {
            from = now.minus(span(option, value));
            described.add("since " + value);
          }
          case "--until" -> {
            Duration ago = until(value);
            to = ago.isZero() ? null : now.minus(ago);
            described.add(ago.isZero() ? "until now" : "until " + value + " ago");
          }
          case "--limit" -> limit = limit(value);
          default -> throw new UsageError("unknown option `" + option + "`");
        }
      } else if (Words.user(word) != null && user == null) {
        user = Words.user(word);
        described.add("by " + user);
      } else if (words.isEnv(word) && env == null) {
        env = word;
        described.add("env " + word);
      } else if (words.isApp(word) && app == null) {
        app = word;
        described.add("app " + word);
      } else if (Digests.isReleaseTag(word) && tag == null) {
        tag = word;
        described.add("release " + word);
      } else {
        throw new UsageError(
            "`"
                + word
                + "` is not an app, an environment ("
                + words.chain()
                + "), a release tag or a @user");
      }
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new UsageError("`--since` must reach further back than `--until`");
    }
    return new Request(app, env, tag, user, from, to, limit, String.join(", ", described), steps);
  }

  /** Further back than any audit log reaches, and within every database's range of times. */
  public static final Duration LONGEST_SPAN = Duration.ofDays(100 * 366);

  private static final String UNITS = " (s seconds, m minutes, h hours, d days, w weeks)";

  /** How far back {@code --since} reaches: more than nothing. */
  private static Duration span(String option, String value) {
    Duration d = Words.span(value);
    if (d == null || d.isZero()) {
      throw new UsageError(
          "`" + option + " " + value + "`: write a time span such as 30m, 24h, 7d or 2w" + UNITS);
    }
    return d.compareTo(LONGEST_SPAN) > 0 ? LONGEST_SPAN : d;
  }

  /** How long ago {@code --until} ends; {@code 0s} (any zero span) means until now. */
  private static Duration until(String value) {
    Duration d = Words.span(value);
    if (d == null) {
      throw new UsageError(
          "`--until " + value + "`: write how long ago, such as 0s (now), 30m, 24h or 7d" + UNITS);
    }
    return d.compareTo(LONGEST_SPAN) > 0 ? LONGEST_SPAN : d;
  }

  private static int limit(String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new UsageError("`--limit` is a number from 1 to " + MAX_LIMIT);
  }

  @Override
  public Reply run(Request r, String actor) {
    // Step events outnumber the decisions people ask about; they are left out unless asked for.
    int fetch = r.steps() ? r.limit() + 1 : Math.min(STEP_FETCH, (r.limit() + 1) * 8);
    List<AuditEvent> rows =
        core.queries()
            .audit(
                new AuditQuery(r.app(), r.env(), r.tag(), r.user(), r.from(), r.to(), null, fetch));
    List<AuditEvent> kept =
        r.steps() ? rows : rows.stream().filter(e -> !isStepProgress(e)).toList();
    boolean more = kept.size() > r.limit() || rows.size() == fetch;
    List<AuditEvent> page = kept.size() > r.limit() ? kept.subList(0, r.limit()) : kept;
    Rendered m = AuditMessage.build(page, r.description(), more, apiPath(r));
    return new Reply(m.text(), m.blocks(), true);
  }

  /** The API request that returns every event of this query. */
  static String apiPath(Request r) {
    List<String> q = new ArrayList<>();
    add(q, "app", r.app());
    add(q, "env", r.env());
    add(q, "release", r.tag());
    add(q, "actor", r.user());
    add(q, "from", r.from() == null ? null : r.from().toString());
    add(q, "to", r.to() == null ? null : r.to().toString());
    return "/api/v1/audit" + (q.isEmpty() ? "" : "?" + String.join("&", q));
  }

  private static void add(List<String> q, String key, String value) {
    if (value != null) {
      q.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }
}
