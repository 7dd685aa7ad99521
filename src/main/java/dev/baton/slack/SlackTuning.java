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
 * @param workQueue requests that may wait for one of those threads (default 512); beyond it a
 *     request is refused with "Baton is too busy" and counted in {@code
 *     baton_slack_work_refused_total}
 * @param refreshInterval how often open promotions' messages and reminders are refreshed (60s)
 * @param refreshEnabled false turns the periodic refresh off (tests drive it by hand)
 * @param socketModeRetry the longest pause between Socket Mode connection attempts (8s): they start
 *     one second apart and double up to this, so that Baton is back within about this long after
 *     Slack is; a rate-limited {@code apps.connections.open} waits as long as Slack asks
 * @param unhealthyAfter how long Slack may be out of reach (the Socket Mode link down, the Web API
 *     not answering) before {@code /health} says DOWN (2m)
 */
@ConfigurationProperties(SlackTuning.PREFIX)
public record SlackTuning(
    @Bindable(defaultValue = "16") @Min(1) @Max(256) int workThreads,
    @Bindable(defaultValue = "512") @Min(1) @Max(100_000) int workQueue,
    @Bindable(defaultValue = "60s") @PositiveDuration Duration refreshInterval,
    @Bindable(defaultValue = "true") boolean refreshEnabled,
    @Bindable(defaultValue = "8s") @PositiveDuration Duration socketModeRetry,
    @Bindable(defaultValue = "2m") @PositiveDuration Duration unhealthyAfter) {
  public static final String PREFIX = "baton.slack";
}
