package dev.baton.registry.oci;

/** Pushes images to a real registry for the benchmark (for {@code dev.baton.bench}). */
public final class BenchImages {
  private final ImagePusher pusher;

  public BenchImages(String registryUrl) {
    pusher = new ImagePusher(registryUrl);
  }

  /** A new single-platform OCI image in {@code repository}; returns its manifest digest. */
  public String push(String repository) {
    return pusher.image(repository, ImagePusher.Style.OCI).digest();
  }
}
