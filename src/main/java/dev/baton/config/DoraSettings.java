package dev.baton.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code baton.dora.*}: how the DORA figures are counted.
 *
 * @param failureWindow a deployment followed within this time by a failed promotion, an
 *     auto-rollback or a rollback request in its environment counts as a failed change (default
 *     24h)
 */
@ConfigurationProperties(DoraSettings.PREFIX)
public record DoraSettings(
    @Bindable(defaultValue = "24h") @PositiveDuration Duration failureWindow) {
  public static final String PREFIX = "baton.dora";
}
