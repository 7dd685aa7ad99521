package dev.baton.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * {@code baton.runner.*}: how the promotion runner leases, retries and wakes up.
 *
 * @param leaseTtl how long a runner's lease on a promotion lasts without renewal (default 30s)
 * @param maxAttempts attempts of one step that fails transiently (default 3)
 * @param wakeUpPoll how often the wake-ups re-read the store for new instants (default 1s)
 * @param sweepInterval pause between two sweeps (default 15s)
 * @param sweepEnabled false turns the startup resume and the periodic sweep off (tests)
 */
@ConfigurationProperties(RunnerSettings.PREFIX)
public record RunnerSettings(
    @Bindable(defaultValue = "30s") @PositiveDuration Duration leaseTtl,
    @Bindable(defaultValue = "3") @Min(1) @Max(100) int maxAttempts,
    @Bindable(defaultValue = "1s") @PositiveDuration Duration wakeUpPoll,
    @Bindable(defaultValue = "15s") @PositiveDuration Duration sweepInterval,
    @Bindable(defaultValue = "true") boolean sweepEnabled) {
  public static final String PREFIX = "baton.runner";
}
