package dev.baton.slack.commands;

import java.time.Instant;

/**
 * One slash command: a pure parser (cheap, run before the acknowledgement so that wrong input gets
 * its usage line at once) and the work it asks for (run off the request thread).
 *
 * @param <T> the parsed request
 */
public interface BatonCommand<T> {
  /** The name without the slash: {@code promote}. */
  String name();

  /** {@code /promote <app> <env> [tag]} */
  String usage();

  /** One line for {@code /baton help}. */
  String summary();

  /** Throws {@link UsageError} when the words do not fit. */
  T parse(String text, Vocabulary words, Instant now);

  /**
   * Does the work as {@code actor}; throws the core's {@code Refusal} when the pipeline says no.
   */
  Reply run(T request, String actor);

  /** An answer that needs no work (help), given with the acknowledgement; null otherwise. */
  default Reply immediate(T request) {
    return null;
  }
}
