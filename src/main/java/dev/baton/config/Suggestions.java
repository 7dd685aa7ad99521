package dev.baton.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** The known key a misspelt one was probably meant to be. */
final class Suggestions {
  private Suggestions() {}

  /**
   * The known key nearest to {@code typed} by edit distance, if it is close: at most 2 edits, and
   * fewer than a third of the typed key's length, so that a short unrelated word is not
   * "corrected".
   */
  static Optional<String> closest(String typed, Collection<String> known) {
    int limit = Math.min(2, (typed.length() - 1) / 3);
    return known.stream()
        .filter(k -> distance(typed, k) <= limit)
        .min(Comparator.comparingInt((String k) -> distance(typed, k)).thenComparing(k -> k));
  }

  /** Levenshtein distance: insertions, deletions and substitutions of one character. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
