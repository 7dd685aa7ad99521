package dev.baton.config;

import java.util.List;

/**
 * Baton's pipeline configuration is invalid. The message lists every problem found, one per line,
 * each line starting with the full configuration key it is about, so that one restart fixes all.
 */
public final class ConfigurationError extends RuntimeException {
  private final List<String> problems;

  public ConfigurationError(List<String> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, each starting with its key (e.g. {@code baton.chain[2]: …}). */
  public List<String> problems() {
    return problems;
  }

  private static String render(List<String> problems) {
    return "Baton's configuration is invalid ("
        + problems.size()
        + (problems.size() == 1 ? " problem" : " problems")
        + "; see docs/configuration.md):\n"
        + String.join("\n", problems);
  }
}
