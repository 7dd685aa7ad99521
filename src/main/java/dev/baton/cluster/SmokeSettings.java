package dev.baton.cluster;

import dev.baton.config.PositiveDuration;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code baton.smoke.*}: how the smoke checker polls an environment's health URL.
 *
 * @param interval pause between two requests of one check (default 2s)
 * @param requestTimeout one request (default 5s)
 */
@ConfigurationProperties(SmokeSettings.PREFIX)
public record SmokeSettings(
    @Bindable(defaultValue = "2s") @PositiveDuration Duration interval,
    @Bindable(defaultValue = "5s") @PositiveDuration Duration requestTimeout) {
  public static final String PREFIX = "baton.smoke";
}
