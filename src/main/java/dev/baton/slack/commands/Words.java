package dev.baton.slack.commands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splitting command text into words, and reading the few kinds of word commands take. */
public final class Words {
  private static final Pattern SPAN = Pattern.compile("(\\d{1,6})(s|m|min|h|d|w)");
  private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]{2,})(\\|[^>]*)?>");
  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{6,}");

  private Words() {}

  /** Words separated by white space (Slack sends non-breaking spaces too). */
  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String w : text.replace('\u00a0', ' ').strip().split("\\s+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** {@code 90m}, {@code 2h}, {@code 3d}, {@code 1w}; null when the word is not a span. */
  public static Duration span(String word) {
    Matcher m = SPAN.matcher(word.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m", "min" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  /** The user ID of a mention ({@code <@U123|alice>}) or a bare user ID; null otherwise. */
  public static String user(String word) {
    Matcher m = MENTION.matcher(word);
    if (m.matches()) {
      return m.group(1);
    }
    return USER_ID.matcher(word).matches() ? word : null;
  }

  /** Free text: quotes around it (straight or curly) are taken off. */
  public static String unquote(String text) {
    String t = text.strip();
    if (t.length() >= 2) {
      char a = t.charAt(0);
      char b = t.charAt(t.length() - 1);
      if ((a == '"' && b == '"') || (a == '“' && b == '”') || (a == '\'' && b == '\'')) {
        return t.substring(1, t.length() - 1).strip();
      }
    }
    return t;
  }
}
