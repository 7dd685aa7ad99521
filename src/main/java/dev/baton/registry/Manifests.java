package dev.baton.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The manifest media types Baton reads and retags, and digests of manifest bytes. A retag must send
 * the exact bytes it fetched: re-serialising the JSON, or letting a registry down-convert the
 * manifest because a type was missing from {@code Accept}, changes the digest.
 */
public final class Manifests {
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";

  /** Every type Baton handles: single-platform manifests and multi-platform indexes. */
  public static final List<String> MEDIA_TYPES =
      List.of(OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST);

  /** The {@code Accept} header value listing {@link #MEDIA_TYPES}. */
  public static final String ACCEPT = String.join(", ", MEDIA_TYPES);

  private Manifests() {}

  /** The media type without parameters, lower case ({@code ...+json; charset=utf-8} → type). */
  public static String baseType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  public static boolean handled(String mediaType) {
    return MEDIA_TYPES.contains(baseType(mediaType));
  }

  /** {@code sha256:<hex>} of the bytes. */
  public static String sha256(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(hash("SHA-256", bytes));
  }

  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * True when {@code digest} is the digest of {@code bytes}, for the algorithms registries use
   * (sha256, sha512). False for any other algorithm: Baton cannot check it.
   */
  public static boolean isDigestOf(String digest, byte[] bytes) {
    if (digest.startsWith("sha256:")) {
      return digest.equals(sha256(bytes));
    }
    if (digest.startsWith("sha512:")) {
      return digest.equals("sha512:" + HexFormat.of().formatHex(hash("SHA-512", bytes)));
    }
    return false;
  }

  private static byte[] hash(String algorithm, byte[] bytes) {
    try {
      return MessageDigest.getInstance(algorithm).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK", e);
    }
  }
}
