package dev.baton.cluster;

import java.time.Duration;

/**
 * How the Kubernetes adapter talks to the API and how long it waits. Bound from {@code
 * baton.kubernetes.*} (see {@code docs/kubernetes.md}); tests shrink the durations.
 *
 * @param requestTimeout one API request
 * @param retryAttempts attempts of one request that fails with a 5xx, 429 or network error
 * @param retryBackoff first pause between those attempts; doubles up to {@code retryBackoffMax}
 * @param retryBackoffMax longest pause between attempts (before jitter)
 * @param retryMaxTotal no attempt of one request starts later than this after its first
 * @param conflictAttempts read-modify-write attempts when the object keeps changing (HTTP 409)
 * @param rolloutMargin added to a Deployment's {@code progressDeadlineSeconds}: how long Baton
 *     waits without progress before giving up on a rollout whose controller reports nothing
 * @param resyncInterval a silent watch is checked with a fresh read this often (as informers do)
 * @param jobTtlAfterFinished {@code ttlSecondsAfterFinished} of migration Jobs
 * @param logLines lines of a failed migration pod's log quoted in the failure message
 */
public record ClusterSettings(
    Duration requestTimeout,
    int retryAttempts,
    Duration retryBackoff,
    Duration retryBackoffMax,
    Duration retryMaxTotal,
    int conflictAttempts,
    Duration rolloutMargin,
    Duration resyncInterval,
    Duration jobTtlAfterFinished,
    int logLines) {

  public ClusterSettings {
    if (retryAttempts < 1 || conflictAttempts < 1 || logLines < 0) {
      throw new IllegalArgumentException(
          "baton.kubernetes: retry-attempts and conflict-attempts must be at least 1, log-lines"
              + " at least 0");
    }
  }

  /** The production defaults. */
  public static ClusterSettings defaults() {
    return new ClusterSettings(
        Duration.ofSeconds(10),
        4,
        Duration.ofMillis(250),
        Duration.ofSeconds(4),
        Duration.ofSeconds(30),
        5,
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        Duration.ofDays(3),
        20);
  }
}
