package dev.baton.registry;

import dev.baton.pipeline.port.PortException;
import dev.baton.retry.RetryAfter;
import dev.baton.retry.RetryBudget;
import dev.baton.retry.RetryEnded;
import dev.baton.retry.Retrying;
import dev.baton.retry.Transience;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one place that decides whether a failed registry call is tried again, for both adapters.
 *
 * <p>Transient: HTTP 408, 429 and 5xx (but 501/505), throttling error codes (ECR answers {@code
 * ThrottlingException} with HTTP 400), timeouts, refused and reset connections. Terminal:
 * everything else, notably other 4xx (unknown manifest, authentication, permission, immutable tag),
 * TLS certificate problems and failures the adapter found itself (a digest that does not match).
 * Transient failures are retried by Baton's shared policy ({@link Retrying}: exponential backoff
 * with jitter, at most {@code max-attempts} times and never after {@code max-total}); a {@code
 * Retry-After} from the server is honoured as the minimum wait, and when it asks for more than
 * {@code max-delay} (or more than the time left) Baton stops at once instead of calling early. The
 * AWS SDK's own retries are off, so ECR calls pass through here too.
 */
public final class RetryPolicy implements Transience<RegistryFailure> {
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
  private final Clock clock;
  private final Retrying<RegistryFailure> retrying;

  /**
   * How hard to try.
   *
   * @param maxAttempts attempts per call, the first included (1 = no retry)
   * @param baseDelay wait before the second attempt; doubled before each further one
   * @param maxDelay longest backoff wait, and the longest {@code Retry-After} Baton honours
   * @param maxTotal no attempt starts later than this after the first one
   */
  public record Settings(
      int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxTotal) {
    public static Settings of(RegistryProperties.RetryProperties p) {
      return new Settings(p.maxAttempts(), p.baseDelay(), p.maxDelay(), p.maxTotal());
    }

    /** The shared policy's budget: a registry's longest honoured ask is its longest wait. */
    public RetryBudget budget() {
      return new RetryBudget(maxAttempts, baseDelay, maxDelay, maxTotal, maxDelay);
    }
  }

  public RetryPolicy(Settings settings) {
    this(settings, Clock.systemUTC());
  }

  public RetryPolicy(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.retrying = new Retrying<>(settings.budget(), this);
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
    try {
      return retrying.call(what, attempt);
    } catch (RetryEnded e) {
      RegistryFailure f = (RegistryFailure) e.failure();
      throw new PortException(what + ": " + why(e, f), e.reason() != RetryEnded.Reason.TERMINAL, f);
    }
  }

  private static String why(RetryEnded e, RegistryFailure f) {
    return switch (e.reason()) {
      case TERMINAL -> f.advice() == null ? f.getMessage() : f.getMessage() + ". " + f.advice();
      case ASKED_TOO_LONG ->
          f.getMessage()
              + "; the registry asked to be called again in "
              + RetryEnded.human(e.asked())
              + ", longer than Baton waits between attempts (retry.max-delay) or than the time"
              + " left (retry.max-total). Try again later";
      case INTERRUPTED -> "interrupted while waiting to retry after " + f.getMessage();
      case EXHAUSTED ->
          f.getMessage()
              + " ("
              + e.spent()
              + "). The registry looks unavailable or overloaded; trying again later can help."
              + " If it persists, check the registry's status and Baton's network access to it";
    };
  }

  @Override
  public Class<RegistryFailure> type() {
    return RegistryFailure.class;
  }

  @Override
  public boolean isTransient(RegistryFailure f) {
    return isTransientFailure(f);
  }

  @Override
  public Optional<Duration> askedWait(RegistryFailure f) {
    return retryAfter(f.retryAfter());
  }

  /**
   * Whether the same call can succeed later. This is the only place that decides it: by error code
   * first (ECR's throttling is HTTP 400), then by HTTP status, then by the network cause.
   */
  public static boolean isTransientFailure(RegistryFailure f) {
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
   * A {@code Retry-After} value: delta seconds or an HTTP date; empty when absent or unreadable.
   */
  public Optional<Duration> retryAfter(String header) {
    return RetryAfter.parse(header, clock);
  }

  private static boolean caused(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
