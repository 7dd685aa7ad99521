package dev.baton.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * {@code baton.instance-id}: the name of this replica in leases and audit entries.
 *
 * @param instanceId none or blank means the host name
 */
@ConfigurationProperties("baton")
public record InstanceSettings(@Nullable String instanceId) {
  public Optional<String> id() {
    return Optional.ofNullable(Normalize.text(instanceId));
  }
}
