package dev.baton.slack.blocks;

import dev.baton.pipeline.model.Principals;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small pieces of Slack text: escaping, clipping to Block Kit's limits, mentions and dates. */
public final class Text {
  /** A section's text and any text object. */
  public static final int SECTION = 3000;

  public static final int HEADER = 150;
  public static final int BUTTON = 75;
  public static final int CONFIRM_TITLE = 100;
  public static final int CONFIRM_TEXT = 300;
  public static final int CONFIRM_BUTTON = 30;

  /** The plain-text fallback of a message (notifications, screen readers). */
  public static final int FALLBACK = 3000;

  private static final Pattern DECIDED_BY =
      Pattern.compile("\\b(rejected by|withdrawn by|by) ([UW][A-Z0-9]{2,})\\b");

  /** An instant as the core writes it in a reason ({@code Instant.toString()}). */
  private static final Pattern INSTANT =
      Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?Z\\b");

  private static final DateTimeFormatter FALLBACK_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Text() {}

  /** Escapes the three characters Slack's mrkdwn gives meaning to. */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Cuts {@code s} to at most {@code max} characters, ending with an ellipsis when cut. */
  public static String clip(String s, int max) {
    if (s == null) {
      return "";
    }
    if (s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "…";
  }

  /** Joins lines, leaving out whole lines that would not fit, and says how many were left out. */
  public static String lines(List<String> lines, int max) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String more = "\n… and " + (lines.size() - i) + " more";
      if (b.length() + line.length() + 1 + more.length() > max && i < lines.size() - 1) {
        b.append(more);
        return clip(b.toString().strip(), max);
      }
      b.append(b.length() == 0 ? "" : "\n").append(line);
    }
    return clip(b.toString(), max);
  }

  public static String user(String id) {
    if (id == null) {
      return "someone";
    }
    if (id.equals("baton")) {
      return "Baton"; // the core's own actor: freezes after rollbacks, auto-deploys, expiries
    }
    return id.matches("[UW][A-Z0-9]{2,}") ? "<@" + id + ">" : escape(id);
  }

  public static String group(String id) {
    return "<!subteam^" + id + ">";
  }

  /** Everyone named by principals: users and groups as mentions, in a stable order. */
  public static String mentions(Principals p) {
    List<String> out = new ArrayList<>();
    new TreeSet<>(p.users()).forEach(u -> out.add(user(u)));
    new TreeSet<>(p.groups()).forEach(g -> out.add(group(g)));
    return out.isEmpty() ? "nobody" : String.join(" ", out);
  }

  /**
   * A reason written by the core, with the user IDs it names turned into mentions and the instants
   * it names into Slack dates (shown in each reader's time zone, like every other date).
   */
  public static String reason(String reason) {
    if (reason == null) {
      return "";
    }
    Matcher m = DECIDED_BY.matcher(escape(reason));
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + " " + user(m.group(2))));
    }
    m.appendTail(b);
    Matcher t = INSTANT.matcher(b.toString());
    StringBuilder out = new StringBuilder();
    while (t.find()) {
      String date;
      try {
        date = date(Instant.parse(t.group()));
      } catch (DateTimeParseException e) {
        date = t.group();
      }
      t.appendReplacement(out, Matcher.quoteReplacement(date));
    }
    t.appendTail(out);
    return out.toString();
  }

  /** A date Slack shows in each reader's time zone, with a UTC fallback. */
  public static String date(Instant t) {
    return "<!date^"
        + t.getEpochSecond()
        + "^{date_short_pretty} {time}|"
        + FALLBACK_DATE.format(t)
        + ">";
  }

  public static String code(String s) {
    return "`" + escape(s).replace("`", "'") + "`";
  }
}
