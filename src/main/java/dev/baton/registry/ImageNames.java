package dev.baton.registry;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks repository names, tags and digests before they reach a registry, and turns a workload's
 * {@code repository} into the path inside the registry. A workload may name its repository with the
 * registry's host ({@code ghcr.io/acme/credreg}, which is what Kubernetes pulls) or without it
 * ({@code acme/credreg}); a host that is not the configured registry's is refused, because Baton
 * would then check one registry and the cluster would pull from another.
 */
public final class ImageNames {
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  private static final Pattern PATH =
      Pattern.compile(
          "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");

  private ImageNames() {}

  public static boolean isDigest(String digest) {
    return digest != null && DIGEST.matcher(digest).matches();
  }

  public static boolean isTag(String tag) {
    return tag != null && TAG.matcher(tag).matches();
  }

  /**
   * The repository's path inside a registry reachable as any of {@code hosts} (lower case, with
   * port where there is one), or why it cannot be one.
   */
  public static Path path(String repository, Set<String> hosts) {
    if (repository == null || repository.isBlank()) {
      return Path.invalid("the repository name is empty");
    }
    String path = repository;
    int slash = repository.indexOf('/');
    if (slash > 0 && looksLikeHost(repository.substring(0, slash))) {
      String host = repository.substring(0, slash).toLowerCase(Locale.ROOT);
      if (!hosts.contains(host)) {
        return Path.invalid(
            "the repository names the host "
                + host
                + ", but this registry is "
                + String.join(" / ", hosts.stream().sorted().toList()));
      }
      path = repository.substring(slash + 1);
    }
    if (!PATH.matcher(path).matches()) {
      return Path.invalid(
          "'"
              + path
              + "' is not a valid repository name (lower-case letters, digits, and . _ - between"
              + " them, separated by /)");
    }
    return new Path(path, null);
  }

  private static boolean looksLikeHost(String first) {
    return first.contains(".") || first.contains(":") || first.equals("localhost");
  }

  /**
   * A repository path, or the reason there is none.
   *
   * @param value the path inside the registry, e.g. {@code credreg/main-app}; null when invalid
   * @param problem why the name was refused; null when valid
   */
  public record Path(String value, String problem) {
    static Path invalid(String problem) {
      return new Path(null, problem);
    }

    public Optional<String> problemText() {
      return Optional.ofNullable(problem);
    }
  }
}
