package dev.baton.pipeline.model;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/** Validation of image digests and release tags: the only two identifiers Baton deploys by. */
public final class Digests {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern DATED_TAG = Pattern.compile("\\d{4}\\.\\d{2}\\.\\d{2}\\.\\d{4}");
  private static final Pattern COMMIT_SHA = Pattern.compile("[0-9a-f]{40}");

  private Digests() {}

  /** True for {@code sha256:} followed by 64 lowercase hex digits. */
  public static boolean isDigest(String value) {
    return value != null && DIGEST.matcher(value).matches();
  }

  /**
   * True for an immutable release tag: {@code YYYY.MM.DD.NNNN} with a real calendar date, or a
   * 40-hex commit SHA. Floating tags ({@code latest}, branch names) are never release tags.
   */
  public static boolean isReleaseTag(String value) {
    if (value == null) {
      return false;
    }
    if (COMMIT_SHA.matcher(value).matches()) {
      return true;
    }
    if (!DATED_TAG.matcher(value).matches()) {
      return false;
    }
    try {
      LocalDate.of(
          Integer.parseInt(value.substring(0, 4)),
          Integer.parseInt(value.substring(5, 7)),
          Integer.parseInt(value.substring(8, 10)));
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /** True for a 7 to 40 hex digit commit id. */
  public static boolean isCommit(String value) {
    return value != null && value.matches("[0-9a-f]{7,40}");
  }

  /** The first 12 hex digits of a digest, for compact display. */
  public static String shortDigest(String digest) {
    return digest.startsWith("sha256:") && digest.length() >= 19 ? digest.substring(7, 19) : digest;
  }
}
