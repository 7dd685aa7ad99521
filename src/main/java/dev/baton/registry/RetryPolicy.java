package dev.baton.registry;

import dev.baton.pipeline.port.PortException;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one place that decides whether a failed registry call is tried again, for both adapters.
 *
 * <p>Transient: HTTP 408, 429 and 5xx (but 501/505), throttling error codes (ECR answers {@code
 * ThrottlingException} with HTTP 400), timeouts, refused and reset connections. Terminal:
 * everything else, notably other 4xx (unknown manifest, authentication, permission, immutable tag),
 * TLS certificate problems and failures the adapter found itself (a digest that does not match).
 * Transient failures are retried with exponential backoff and equal jitter, at most {@code
 * max-attempts} times and never after {@code max-total}; a {@code Retry-After} from the server is
 * honoured as the minimum wait, and when it asks for more than {@code max-delay} (or more than the
 * time left) Baton stops at once instead of calling early. The AWS SDK's own retries are off, so
 * ECR calls pass through here too.
 */
public final class RetryPolicy {
  private static final Set<String> TRANSIENT_CODES =
      Set.of(
          "TOOMANYREQUESTS",
          "ThrottlingException",
          "Throttling",
          "ThrottledException",
          "TooManyRequestsException",
          "RequestLimitExceeded",
          "RequestThrottled",
          "RequestThrottledException",
          "RequestTimeout",
          "RequestTimeoutException",
          "ServiceUnavailable",
          "ServiceUnavailableException",
          "PriorRequestNotComplete",
          "UpstreamTooManyRequests",
          "UpstreamUnavailable");

  private final Settings settings;
  private final Sleeper sleeper;
  private final LongSupplier nanoTime;
  private final DoubleSupplier random;
  private final Clock clock;

  /**
   * How hard to try.
   *
   * @param maxAttempts attempts per call, the first included (1 = no retry)
   * @param baseDelay wait before the second attempt; doubled before each further one
   * @param maxDelay longest single wait
   * @param maxTotal no attempt starts later than this after the first one
   */
  public record Settings(
      int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxTotal) {
    public static Settings of(RegistryProperties.RetryProperties p) {
      return new Settings(p.maxAttempts(), p.baseDelay(), p.maxDelay(), p.maxTotal());
    }
  }

  /** Waits; a test passes one that only records. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** What to do after a failed attempt. */
  public sealed interface Decision {
    /** Try again after {@code after}. */
    record Retry(Duration after) implements Decision {}

    /** Stop; {@code retryable} tells the core whether the whole step may succeed later. */
    record GiveUp(boolean retryable, String why) implements Decision {}
  }

  public RetryPolicy(Settings settings) {
    this(
        settings,
        d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000),
        System::nanoTime,
        () -> ThreadLocalRandom.current().nextDouble(),
        Clock.systemUTC());
  }

  public RetryPolicy(
      Settings settings,
      Sleeper sleeper,
      LongSupplier nanoTime,
      DoubleSupplier random,
      Clock clock) {
    this.settings = settings;
    this.sleeper = sleeper;
    this.nanoTime = nanoTime;
    this.random = random;
    this.clock = clock;
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Runs {@code attempt} until it succeeds, fails terminally, or the attempts or the time are used
   * up. {@code what} names the call for people ({@code registry default: tagging a@sha256:… as
   * prod}); it starts every error message.
   */
  public <T> T call(String what, Supplier<T> attempt) {
    long start = nanoTime.getAsLong();
    for (int attempts = 1; ; attempts++) {
      RegistryFailure failure;
      try {
        return attempt.get();
      } catch (RegistryFailure f) {
        failure = f;
      }
      Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - start);
      Decision decision = decide(attempts, failure, elapsed);
      if (decision instanceof Decision.GiveUp g) {
        throw new PortException(what + ": " + g.why(), g.retryable(), failure);
      }
      pause(what, ((Decision.Retry) decision).after(), failure);
    }
  }

  /** After {@code attempts} attempts, the last of which failed with {@code f}: retry or stop. */
  public Decision decide(int attempts, RegistryFailure f, Duration elapsed) {
    if (!isTransient(f)) {
      return new Decision.GiveUp(false, terminalText(f));
    }
    String spent = attempts + (attempts == 1 ? " attempt" : " attempts") + " in " + human(elapsed);
    Optional<Duration> asked = retryAfter(f.retryAfter());
    if (asked.isPresent() && asked.get().compareTo(settings.maxDelay()) > 0) {
      return new Decision.GiveUp(
          true,
          f.getMessage()
              + "; the registry asked to be called again in "
              + human(asked.get())
              + ", longer than Baton waits between attempts (retry.max-delay). Try again later");
    }
    if (attempts >= settings.maxAttempts()) {
      return new Decision.GiveUp(true, exhaustedText(f, spent));
    }
    Duration wait = backoff(attempts);
    if (asked.isPresent() && asked.get().compareTo(wait) > 0) {
      wait = asked.get();
    }
    if (elapsed.plus(wait).compareTo(settings.maxTotal()) > 0) {
      return new Decision.GiveUp(true, exhaustedText(f, spent));
    }
    return new Decision.Retry(wait);
  }

  /**
   * Whether the same call can succeed later. This is the only place that decides it: by error code
   * first (ECR's throttling is HTTP 400), then by HTTP status, then by the network cause.
   */
  public static boolean isTransient(RegistryFailure f) {
    if (TRANSIENT_CODES.contains(f.code())) {
      return true;
    }
    if (f.status() > 0) {
      int s = f.status();
      return s == 408 || s == 429 || (s >= 500 && s <= 599 && s != 501 && s != 505);
    }
    Throwable cause = f.getCause();
    return cause != null
        && caused(cause, IOException.class)
        && !caused(cause, CertificateException.class);
  }

  /**
   * The wait before attempt {@code attempts + 1}: {@code baseDelay · 2^(attempts-1)}, capped at
   * {@code maxDelay}, of which the upper half is random (equal jitter: never zero, never in step
   * with other replicas).
   */
  public Duration backoff(int attempts) {
    long base = settings.baseDelay().toNanos();
    long cap = settings.maxDelay().toNanos();
    long exp = base;
    for (int i = 1; i < attempts && exp < cap; i++) {
      exp *= 2;
    }
    exp = Math.min(exp, cap);
    long half = exp / 2;
    return Duration.ofNanos(half + (long) (random.getAsDouble() * (exp - half)));
  }

  /**
   * A {@code Retry-After} value: delta seconds or an HTTP date; empty when absent or unreadable.
   */
  public Optional<Duration> retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.strip();
    if (value.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private void pause(String what, Duration wait, RegistryFailure failure) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PortException(
          what + ": interrupted while waiting to retry after " + failure.getMessage(),
          true,
          failure);
    }
  }

  private static String terminalText(RegistryFailure f) {
    return f.advice() == null ? f.getMessage() : f.getMessage() + ". " + f.advice();
  }

  private static String exhaustedText(RegistryFailure f, String spent) {
    return f.getMessage()
        + " ("
        + spent
        + "). The registry looks unavailable or overloaded; trying again later can help."
        + " If it persists, check the registry's status and Baton's network access to it";
  }

  private static boolean caused(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  static String human(Duration d) {
    long ms = d.toMillis();
    return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
