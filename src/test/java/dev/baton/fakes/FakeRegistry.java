package dev.baton.fakes;

import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.Registry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An in-memory registry: manifests by digest and tags per repository, with injectable faults. */
public final class FakeRegistry implements Registry {
  private final Map<String, Set<String>> manifests = new HashMap<>();
  private final Map<String, Map<String, String>> tags = new HashMap<>();
  private final Faults faults;

  public FakeRegistry(Faults faults) {
    this.faults = faults;
  }

  public FakeRegistry() {
    this(new Faults());
  }

  public Faults faults() {
    return faults;
  }

  /** Pushes an image: the manifest exists from now on. */
  public synchronized FakeRegistry push(String registry, String repository, String digest) {
    manifests.computeIfAbsent(registry + "/" + repository, k -> new HashSet<>()).add(digest);
    return this;
  }

  public synchronized Optional<String> tagged(String registry, String repository, String tag) {
    return Optional.ofNullable(tags.getOrDefault(registry + "/" + repository, Map.of()).get(tag));
  }

  public synchronized Map<String, String> tagsOf(String registry, String repository) {
    return Map.copyOf(tags.getOrDefault(registry + "/" + repository, Map.of()));
  }

  @Override
  public boolean exists(ImageRepository repo, String digest) {
    faults.before("registry.exists " + repo.repository());
    synchronized (this) {
      return manifests.getOrDefault(key(repo), Set.of()).contains(digest);
    }
  }

  @Override
  public Optional<String> resolve(ImageRepository repo, String tag) {
    faults.before("registry.resolve " + repo.repository());
    synchronized (this) {
      return Optional.ofNullable(tags.getOrDefault(key(repo), Map.of()).get(tag));
    }
  }

  @Override
  public void tag(ImageRepository repo, String digest, String tag) {
    faults.before("registry.tag " + repo.repository() + ":" + tag);
    synchronized (this) {
      if (!manifests.getOrDefault(key(repo), Set.of()).contains(digest)) {
        throw PortException.terminal("manifest " + digest + " unknown in " + repo);
      }
      tags.computeIfAbsent(key(repo), k -> new HashMap<>()).put(tag, digest);
    }
  }

  private static String key(ImageRepository repo) {
    return repo.registry() + "/" + repo.repository();
  }
}
