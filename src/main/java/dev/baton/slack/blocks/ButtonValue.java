package dev.baton.slack.blocks;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code value} of a Promote or Rollback button: app, environment and release tags joined by
 * {@code |} (a character no app, environment or tag name may contain).
 */
public record ButtonValue(String app, String env, String tag, String from) {
  public String encode() {
    return String.join("|", app, env, tag == null ? "" : tag, from == null ? "" : from);
  }

  /** What a click on a button Baton did not draw is told. */
  public static final String NOT_OURS = "⚠️ This button is not one Baton drew; nothing was done.";

  /** Decodes a value, or null for anything Baton did not write. */
  public static ButtonValue decodeOrNull(String value) {
    try {
      return decode(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Decodes a value; throws {@link IllegalArgumentException} for anything Baton did not write. */
  public static ButtonValue decode(String value) {
    if (value == null) {
      throw new IllegalArgumentException("no value");
    }
    List<String> parts = Arrays.asList(value.split("\\|", -1));
    if (parts.size() != 4 || parts.get(0).isBlank() || parts.get(1).isBlank()) {
      throw new IllegalArgumentException("not a Baton button value");
    }
    return new ButtonValue(
        parts.get(0), parts.get(1), blankToNull(parts.get(2)), blankToNull(parts.get(3)));
  }

  private static String blankToNull(String s) {
    return s.isBlank() ? null : s;
  }
}
