package dev.baton.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.Optional;

/**
 * {@code baton.instance-id}: the name of this replica in leases and audit entries.
 *
 * @param instanceId none or blank means the host name
 * @param instanceIdSuffix true: when another live process already runs under the id, append this
 *     process's boot id instead of refusing to start (default false)
 */
@ConfigurationProperties("baton")
public record InstanceSettings(
    @Nullable String instanceId, @Bindable(defaultValue = "false") boolean instanceIdSuffix) {
  /** Whether a taken id may be made unique with a suffix. */
  public boolean suffix() {
    return instanceIdSuffix;
  }

  public Optional<String> id() {
    return Optional.ofNullable(Normalize.text(instanceId));
  }
}
