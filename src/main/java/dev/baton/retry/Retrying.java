package dev.baton.retry;

import dev.baton.retry.RetryEnded.Reason;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baton's one retry policy for outbound calls, built on Failsafe: exponential backoff from {@code
 * baseDelay} to {@code maxDelay} with ±{@value #JITTER} jitter (so replicas do not retry in step),
 * at most {@code maxAttempts} attempts and none later than {@code maxTotal} after the first.
 *
 * <p>A wait the server asks for is the least wait: the delay is stretched so that even after jitter
 * it is never shorter than the server's ask (nor than the backoff). An ask longer than {@code
 * longestAsk}, or than the time left, ends the call at once ({@link Reason#ASKED_TOO_LONG}) instead
 * of calling back early. Failures the adapter's {@link Transience} calls terminal end the call
 * after one attempt; exceptions of other types pass through unchanged.
 */
public final class Retrying<F extends RuntimeException> {
  private static final Logger LOG = LoggerFactory.getLogger(Retrying.class);

  /** Each wait is the computed one ± this fraction, at random. */
  public static final double JITTER = 0.25;

  /** What a Failsafe delay function returns to leave the wait to the backoff. */
  private static final Duration USE_BACKOFF = Duration.ofMillis(-1);

  private final RetryBudget budget;
  private final Transience<F> transience;

  public Retrying(RetryBudget budget, Transience<F> transience) {
    this.budget = budget;
    this.transience = transience;
  }

  public RetryBudget budget() {
    return budget;
  }

  /**
   * Runs {@code attempt} until it succeeds or {@link RetryEnded} says why not. {@code what} names
   * the call in the log.
   */
  public <T> T call(String what, Supplier<T> attempt) {
    long start = System.nanoTime();
    AtomicInteger attempts = new AtomicInteger();
    AtomicReference<Duration> tooLong = new AtomicReference<>();
    AtomicReference<F> last = new AtomicReference<>();
    RetryPolicy<T> policy = policy(what, start, tooLong);
    try {
      return Failsafe.with(policy)
          .get(
              () -> {
                attempts.incrementAndGet();
                try {
                  return attempt.get();
                } catch (RuntimeException e) {
                  failure(e).ifPresent(last::set);
                  throw e;
                }
              });
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException && last.get() != null) {
        throw ended(last.get(), Reason.INTERRUPTED, attempts, start, null);
      }
      throw e;
    } catch (RuntimeException e) {
      if (!transience.type().isInstance(e)) {
        throw e;
      }
      F f = transience.type().cast(e);
      Reason reason =
          !transience.isTransient(f)
              ? Reason.TERMINAL
              : tooLong.get() != null ? Reason.ASKED_TOO_LONG : Reason.EXHAUSTED;
      throw ended(f, reason, attempts, start, transience.askedWait(f).orElse(null));
    }
  }

  private <T> RetryPolicy<T> policy(String what, long start, AtomicReference<Duration> tooLong) {
    RetryPolicyBuilder<T> b =
        RetryPolicy.<T>builder()
            .handleIf((r, e) -> failure(e).map(transience::isTransient).orElse(false))
            .abortIf((r, e) -> failure(e).map(f -> asksTooMuch(f, start, tooLong)).orElse(false))
            .withMaxAttempts(budget.maxAttempts())
            .withDelayFn(
                ctx ->
                    failure(ctx.getLastException())
                        .flatMap(transience::askedWait)
                        .map(d -> stretch(max(d, budget.backoff(ctx.getAttemptCount()))))
                        .orElse(USE_BACKOFF))
            .withJitter(JITTER)
            .onRetryScheduled(
                e ->
                    LOG.info(
                        "{} failed (attempt {}), trying again in {} ms: {}",
                        what,
                        e.getAttemptCount(),
                        e.getDelay().toMillis(),
                        failure(e.getLastException()).map(transience::describe).orElse("?")));
    if (budget.maxDelay().compareTo(budget.baseDelay()) > 0) {
      b.withBackoff(budget.baseDelay(), budget.maxDelay());
    } else {
      b.withDelay(budget.baseDelay());
    }
    if (budget.maxTotal().compareTo(budget.baseDelay()) > 0) {
      b.withMaxDuration(budget.maxTotal());
    } else {
      b.withMaxAttempts(1);
    }
    return b.build();
  }

  private boolean asksTooMuch(F f, long start, AtomicReference<Duration> tooLong) {
    Optional<Duration> asked = transience.askedWait(f);
    if (asked.isEmpty() || !transience.isTransient(f)) {
      return false;
    }
    Duration left = budget.maxTotal().minus(Duration.ofNanos(System.nanoTime() - start));
    if (asked.get().compareTo(budget.longestAsk()) > 0 || asked.get().compareTo(left) > 0) {
      tooLong.set(asked.get());
      return true;
    }
    return false;
  }

  private Optional<F> failure(Throwable t) {
    return transience.type().isInstance(t)
        ? Optional.of(transience.type().cast(t))
        : Optional.empty();
  }

  private RetryEnded ended(F f, Reason reason, AtomicInteger attempts, long start, Duration asked) {
    return new RetryEnded(
        f, reason, attempts.get(), Duration.ofNanos(System.nanoTime() - start), asked);
  }

  /** So that the wait, jittered by ±{@link #JITTER}, is never shorter than {@code d}. */
  private static Duration stretch(Duration d) {
    return Duration.ofNanos((long) Math.ceil(d.toNanos() / (1 - JITTER)));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
