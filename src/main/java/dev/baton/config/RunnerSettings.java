package dev.baton.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * {@code baton.runner.*}: how the promotion runner leases, retries and wakes up.
 *
 * @param leaseTtl how long a runner's lease on a promotion lasts without renewal (default 10s;
 *     renewed every third of it, so a dead replica's promotion is taken over 7-10 s after it died)
 * @param maxAttempts attempts of one step that fails transiently (default 3)
 * @param wakeUpPoll how often the wake-ups re-read the store for new instants (default 1s)
 * @param sweepInterval pause between two sweeps (default 15s)
 * @param sweepEnabled false turns the startup resume and the periodic sweep off (tests)
 * @param shutdownGrace how long a stopping replica lets the steps that change things finish before
 *     it hands its promotions over (default 20s; keep it below Kubernetes'
 *     terminationGracePeriodSeconds, 30 s by default). Steps that only wait are handed over at
 *     once.
 */
@ConfigurationProperties(RunnerSettings.PREFIX)
public record RunnerSettings(
    @Bindable(defaultValue = "10s") @PositiveDuration Duration leaseTtl,
    @Bindable(defaultValue = "3") @Min(1) @Max(100) int maxAttempts,
    @Bindable(defaultValue = "1s") @PositiveDuration Duration wakeUpPoll,
    @Bindable(defaultValue = "15s") @PositiveDuration Duration sweepInterval,
    @Bindable(defaultValue = "true") boolean sweepEnabled,
    @Bindable(defaultValue = "20s") @PositiveDuration Duration shutdownGrace) {
  public static final String PREFIX = "baton.runner";
}
