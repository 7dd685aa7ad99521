package dev.baton.registry;

import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.Registry;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Used until a registry adapter is configured: every call fails with what to configure. */
@Singleton
@Secondary
public class UnconfiguredRegistry implements Registry {
  @Override
  public boolean exists(ImageRepository repo, String digest) {
    throw missing(repo);
  }

  @Override
  public Optional<String> resolve(ImageRepository repo, String tag) {
    throw missing(repo);
  }

  @Override
  public void tag(ImageRepository repo, String digest, String tag) {
    throw missing(repo);
  }

  private static PortException missing(ImageRepository repo) {
    return PortException.terminal(
        "no registry adapter is configured for registry \"" + repo.registry() + "\"");
  }
}
