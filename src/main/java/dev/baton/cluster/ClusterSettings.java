package dev.baton.cluster;

import dev.baton.config.PositiveDuration;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
@ConfigurationProperties(ClusterSettings.PREFIX)
public record ClusterSettings(
    @Bindable(defaultValue = "10s") @PositiveDuration Duration requestTimeout,
    @Bindable(defaultValue = "4") @Min(1) @Max(20) int retryAttempts,
    @Bindable(defaultValue = "250ms") @PositiveDuration Duration retryBackoff,
    @Bindable(defaultValue = "4s") @PositiveDuration Duration retryBackoffMax,
    @Bindable(defaultValue = "30s") @PositiveDuration Duration retryMaxTotal,
    @Bindable(defaultValue = "5") @Min(1) @Max(20) int conflictAttempts,
    @Bindable(defaultValue = "60s") @PositiveDuration Duration rolloutMargin,
    @Bindable(defaultValue = "30s") @PositiveDuration Duration resyncInterval,
    @Bindable(defaultValue = "72h") @PositiveDuration Duration jobTtlAfterFinished,
    @Bindable(defaultValue = "20") @Min(0) @Max(1000) int logLines) {
  public static final String PREFIX = "baton.kubernetes";

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
