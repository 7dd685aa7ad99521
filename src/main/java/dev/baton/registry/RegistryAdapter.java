package dev.baton.registry;

import dev.baton.pipeline.port.Registry;
import java.util.Optional;

/** A configured registry's adapter: the core's {@link Registry}, plus what startup checks ask. */
public interface RegistryAdapter extends Registry, AutoCloseable {
  /**
   * Why a workload's {@code repository} cannot live in this registry (wrong host, invalid name), or
   * empty when it can.
   */
  Optional<String> repositoryProblem(String repository);

  /** Releases connections; no exception. */
  @Override
  void close();
}
