package dev.baton.config;

import java.util.ArrayList;
import java.util.List;

/** Collects configuration problems so that all of them are reported at once. */
final class Problems {
  private final List<String> lines = new ArrayList<>();

  /** Records that {@code key} has {@code problem}; the line reads {@code key: problem}. */
  void add(String key, String problem) {
    lines.add(key + ": " + problem);
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  void throwIfAny() {
    if (!lines.isEmpty()) {
      throw new ConfigurationError(lines);
    }
  }
}
