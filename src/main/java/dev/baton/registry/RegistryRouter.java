package dev.baton.registry;

import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.Registry;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The core's {@link Registry}: sends each call to the adapter of the registry the repository names
 * ({@link ImageRepository#registry()}, from {@code baton.apps.<app>.registry}). With no registries
 * configured every call fails with what to configure.
 */
public final class RegistryRouter implements Registry, AutoCloseable {
  private final Map<String, RegistryAdapter> adapters;

  public RegistryRouter(Map<String, ? extends RegistryAdapter> adapters) {
    this.adapters = Map.copyOf(adapters);
  }

  @Override
  public boolean exists(ImageRepository repo, String digest) {
    return adapter(repo).exists(repo, digest);
  }

  @Override
  public Optional<String> resolve(ImageRepository repo, String tag) {
    return adapter(repo).resolve(repo, tag);
  }

  @Override
  public void tag(ImageRepository repo, String digest, String tag) {
    adapter(repo).tag(repo, digest, tag);
  }

  /** The configured registries' names, sorted. */
  public Set<String> names() {
    return new TreeMap<>(adapters).keySet();
  }

  @Override
  public void close() {
    adapters.values().forEach(RegistryAdapter::close);
  }

  private RegistryAdapter adapter(ImageRepository repo) {
    RegistryAdapter adapter = adapters.get(repo.registry());
    if (adapter == null) {
      throw PortException.terminal(
          "no registry named "
              + repo.registry()
              + " is configured (baton.registries."
              + repo.registry()
              + "), so "
              + repo.repository()
              + " cannot be checked or tagged. Configure it, or change the app's registry");
    }
    return adapter;
  }
}
