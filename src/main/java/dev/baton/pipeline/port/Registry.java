package dev.baton.pipeline.port;

import java.util.Optional;

/** The image registry, addressed by digest. Nothing is ever rebuilt or pushed except tags. */
public interface Registry {
  /** True when a manifest with this digest exists in the repository. */
  boolean exists(ImageRepository repo, String digest);

  /** The digest the tag points at, or empty when the tag does not exist. */
  Optional<String> resolve(ImageRepository repo, String tag);

  /**
   * Points {@code tag} at the manifest with {@code digest}, without changing the manifest's bytes.
   * Idempotent: a tag already there is success.
   */
  void tag(ImageRepository repo, String digest, String tag);
}
