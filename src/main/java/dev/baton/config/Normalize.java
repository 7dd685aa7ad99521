package dev.baton.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** How configuration records tidy raw values before validation sees them. */
final class Normalize {
  private Normalize() {}

  /** An unmodifiable copy, empty for null. Null elements stay, so that validation reports them. */
  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }

  /** Stripped text, or null when absent or blank. */
  static String text(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
