package dev.baton.slack;

import dev.baton.config.PositiveDuration;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * The numbers of {@code baton.slack.*}; the credentials and addresses are {@link SlackSettings}.
 *
 * @param workThreads threads doing the work after a request is acknowledged (default 16)
 * @param refreshInterval how often open promotions' messages and reminders are refreshed (60s)
 * @param refreshEnabled false turns the periodic refresh off (tests drive it by hand)
 * @param socketModeRetry pause before trying again to open a Socket Mode connection (30s)
 */
@ConfigurationProperties(SlackTuning.PREFIX)
public record SlackTuning(
    @Bindable(defaultValue = "16") @Min(1) @Max(256) int workThreads,
    @Bindable(defaultValue = "60s") @PositiveDuration Duration refreshInterval,
    @Bindable(defaultValue = "true") boolean refreshEnabled,
    @Bindable(defaultValue = "30s") @PositiveDuration Duration socketModeRetry) {
  public static final String PREFIX = "baton.slack";
}
