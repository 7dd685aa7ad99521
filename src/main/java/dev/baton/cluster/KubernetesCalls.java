package dev.baton.cluster;

import dev.baton.cluster.KubernetesErrors.Kind;
import dev.baton.pipeline.port.PortException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs API requests with Baton's retry rules: transient errors (5xx, 429, network) are retried with
 * a bounded exponential backoff, never sooner than the API server asks (the {@code
 * retryAfterSeconds} of its 429 or 503 answer, up to {@link #MAX_RETRY_AFTER}); a conflict (409) is
 * handed to {@link #onFreshRead}, which repeats the whole read-modify-write; everything else
 * becomes a terminal {@link PortException} at once.
 */
final class KubernetesCalls {
  private static final System.Logger LOG = System.getLogger(KubernetesCalls.class.getName());

  /** The longest wait a server's {@code retryAfterSeconds} can impose on one retry. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

  private final ClusterSettings settings;

  KubernetesCalls(ClusterSettings settings) {
    this.settings = settings;
  }

  /** A 409 on a write inside {@link #onFreshRead}: the object changed since it was read. */
  static final class Conflict extends PortException {
    Conflict(PortException translated, KubernetesClientException cause) {
      super(translated.getMessage(), true, cause);
    }
  }

  /** One request, retried while it fails transiently. */
  <T> T call(ClusterTarget target, ApiOperation op, Supplier<T> request) {
    Duration pause = settings.retryBackoff();
    for (int attempt = 1; ; attempt++) {
      try {
        return request.get();
      } catch (KubernetesClientException e) {
        Kind kind = KubernetesErrors.classify(e);
        if (kind == Kind.CONFLICT) {
          throw new Conflict(KubernetesErrors.translate(e, target, op, 1), e);
        }
        if (kind != Kind.TRANSIENT || attempt >= settings.retryAttempts()) {
          throw KubernetesErrors.translate(e, target, op, attempt);
        }
        Duration wait = max(pause, retryAfter(e));
        LOG.log(
            Level.WARNING,
            "{0} in {1} failed (attempt {2}), retrying in {3} ms: {4}",
            op.describe(),
            target.where(),
            attempt,
            wait.toMillis(),
            KubernetesErrors.said(e));
        sleep(wait, op, target);
        pause = min(pause.multipliedBy(2), settings.retryBackoffMax());
      }
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

  /** Waits between attempts; an interrupt (Baton stopping) ends the wait and the call. */
  static void sleep(Duration pause, ApiOperation op, ClusterTarget target) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      throw KubernetesErrors.interrupted(op.describe() + " in " + target.where());
    }
  }

  /** How long the API server asked to wait before the next request (zero when it did not say). */
  static Duration retryAfter(KubernetesClientException e) {
    Integer seconds =
        e.getStatus() == null || e.getStatus().getDetails() == null
            ? null
            : e.getStatus().getDetails().getRetryAfterSeconds();
    return seconds == null || seconds <= 0
        ? Duration.ZERO
        : min(Duration.ofSeconds(seconds), MAX_RETRY_AFTER);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
