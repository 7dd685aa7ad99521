package dev.baton.cluster;

import dev.baton.pipeline.model.Digests;

/**
 * Reads the digest out of a container image reference. Only {@code repository@sha256:…} of the
 * workload's own repository counts as pinned: a tag ({@code :latest}), a digest of another
 * repository, or a tag plus digest all mean the Deployment runs something Baton did not deploy.
 */
final class ImageReference {
  private ImageReference() {}

  /**
   * The {@code sha256:} digest when {@code image} is exactly {@code repository@sha256:<64 hex>},
   * else null.
   */
  static String pinnedDigest(String image, String repository) {
    if (image == null) {
      return null;
    }
    int at = image.indexOf('@');
    if (at < 0 || !image.substring(0, at).equals(repository)) {
      return null;
    }
    String digest = image.substring(at + 1);
    return Digests.isDigest(digest) ? digest : null;
  }
}
