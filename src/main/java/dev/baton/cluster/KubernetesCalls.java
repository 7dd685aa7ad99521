package dev.baton.cluster;

import dev.baton.cluster.KubernetesErrors.Kind;
import dev.baton.pipeline.port.PortException;
import dev.baton.retry.RetryBudget;
import dev.baton.retry.RetryEnded;
import dev.baton.retry.Retrying;
import dev.baton.retry.Transience;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs API requests with Baton's retry policy ({@link Retrying}): transient errors (5xx, 429,
 * network, as {@link KubernetesErrors} classifies them) are retried with a jittered exponential
 * backoff within {@code retry-attempts} and {@code retry-max-total}, never sooner than the API
 * server asks (the {@code retryAfterSeconds} of its 429 or 503 answer); an ask longer than {@link
 * #MAX_RETRY_AFTER} or than the time left ends the call retryably. A conflict (409) is handed to
 * {@link #onFreshRead}, which repeats the whole read-modify-write; everything else becomes a
 * terminal {@link PortException} at once.
 */
final class KubernetesCalls {
  private static final System.Logger LOG = System.getLogger(KubernetesCalls.class.getName());

  /** The longest wait a server's {@code retryAfterSeconds} may ask for; longer ends the call. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

  /**
   * Transient: what {@link KubernetesErrors} classifies so; the wait: {@code retryAfterSeconds}.
   */
  private static final Transience<KubernetesClientException> TRANSIENCE =
      new Transience<>() {
        @Override
        public Class<KubernetesClientException> type() {
          return KubernetesClientException.class;
        }

        @Override
        public boolean isTransient(KubernetesClientException e) {
          return KubernetesErrors.classify(e) == Kind.TRANSIENT;
        }

        @Override
        public Optional<Duration> askedWait(KubernetesClientException e) {
          Duration asked = retryAfter(e);
          return asked.isZero() ? Optional.empty() : Optional.of(asked);
        }

        @Override
        public String describe(KubernetesClientException e) {
          return KubernetesErrors.said(e);
        }
      };

  private final ClusterSettings settings;
  private final Retrying<KubernetesClientException> retrying;

  KubernetesCalls(ClusterSettings settings) {
    this.settings = settings;
    this.retrying =
        new Retrying<>(
            new RetryBudget(
                settings.retryAttempts(),
                settings.retryBackoff(),
                settings.retryBackoffMax(),
                settings.retryMaxTotal(),
                MAX_RETRY_AFTER),
            TRANSIENCE);
  }

  /** A 409 on a write inside {@link #onFreshRead}: the object changed since it was read. */
  static final class Conflict extends PortException {
    Conflict(PortException translated, KubernetesClientException cause) {
      super(translated.getMessage(), true, cause);
    }
  }

  /** One request, retried while it fails transiently. */
  <T> T call(ClusterTarget target, ApiOperation op, Supplier<T> request) {
    try {
      return retrying.call(op.describe() + " in " + target.where(), request);
    } catch (RetryEnded ended) {
      KubernetesClientException e = (KubernetesClientException) ended.failure();
      if (ended.reason() == RetryEnded.Reason.INTERRUPTED) {
        throw KubernetesErrors.interrupted(op.describe() + " in " + target.where());
      }
      if (KubernetesErrors.classify(e) == Kind.CONFLICT) {
        throw new Conflict(KubernetesErrors.translate(e, target, op, 1), e);
      }
      throw KubernetesErrors.translate(e, target, op, ended.attempts());
    }
  }

  /**
   * Runs {@code readModifyWrite} (which reads the object, then writes with its resourceVersion)
   * again on a fresh read each time the write conflicts, a bounded number of times.
   */
  <T> T onFreshRead(ClusterTarget target, ApiOperation op, Supplier<T> readModifyWrite) {
    for (int attempt = 1; ; attempt++) {
      try {
        return readModifyWrite.get();
      } catch (Conflict c) {
        if (attempt >= settings.conflictAttempts()) {
          throw KubernetesErrors.translate(
              (KubernetesClientException) c.getCause(), target, op, attempt);
        }
        LOG.log(
            Level.INFO,
            "{0} in {1}: the object changed meanwhile (409), reading it again",
            op.describe(),
            target.where());
      }
    }
  }

  /**
   * How long the API server asked to wait before the next request (zero when it did not say): the
   * {@code retryAfterSeconds} of its Status.
   */
  static Duration retryAfter(KubernetesClientException e) {
    Integer seconds =
        e.getStatus() == null || e.getStatus().getDetails() == null
            ? null
            : e.getStatus().getDetails().getRetryAfterSeconds();
    return seconds == null || seconds <= 0 ? Duration.ZERO : Duration.ofSeconds(seconds);
  }
}
