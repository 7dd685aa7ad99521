package dev.baton.retry;

import java.time.Duration;
import java.util.Optional;

/**
 * What one adapter knows about its failures: which are worth trying again and how long the server
 * asked to be left alone. The adapter owns this decision; {@link Retrying} only applies it.
 *
 * @param <F> the adapter's failure type; any other exception ends the call unchanged
 */
public interface Transience<F extends RuntimeException> {
  Class<F> type();

  /** Whether the same call can succeed later. */
  boolean isTransient(F failure);

  /** The wait the server asked for ({@code Retry-After}, {@code retryAfterSeconds}), if any. */
  default Optional<Duration> askedWait(F failure) {
    return Optional.empty();
  }

  /** The failure in a few words for the log; must not contain credentials. */
  default String describe(F failure) {
    return failure.getMessage();
  }
}
