package dev.baton.pipeline.dora;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The period a DORA question looks back over: {@code 12h}, {@code 30d}, {@code 2w}. */
public final class DoraPeriod {
  public static final Duration DEFAULT = Duration.ofDays(30);
  public static final Duration LONGEST = Duration.ofDays(366);
  public static final String USAGE =
      "a number of hours, days or weeks such as 12h, 30d or 2w, at most 366d";
  private static final Pattern TEXT = Pattern.compile("([1-9][0-9]{0,4})([hdw])");

  private DoraPeriod() {}

  /** The period, or {@link IllegalArgumentException} saying what is expected. */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT;
    }
    Matcher m = TEXT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("since must be " + USAGE);
    }
    long n = Long.parseLong(m.group(1));
    Duration period =
        switch (m.group(2)) {
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofDays(7 * n);
        };
    if (period.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException("since must be " + USAGE);
    }
    return period;
  }

  /** {@code 30d}, {@code 12h}: how a period is written back. */
  public static String text(Duration period) {
    return period.toHoursPart() == 0 && period.toMinutesPart() == 0
        ? period.toDays() + "d"
        : period.toHours() + "h";
  }
}
