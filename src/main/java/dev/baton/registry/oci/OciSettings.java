package dev.baton.registry.oci;

import dev.baton.registry.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * One OCI distribution registry, as validated configuration. Secrets never appear in {@link
 * #toString()}.
 *
 * @param name the configured name ({@code baton.registries.<name>})
 * @param url {@code https://host[:port]}, or {@code http://…} when {@code insecure}
 * @param insecure plain HTTP is allowed (also for the token service)
 * @param username basic-auth user, also sent to a bearer token service; null for anonymous
 * @param password the user's password; null with no user
 * @param token a static bearer token; null when not configured
 * @param timeout the time limit of one request
 * @param retry how transient failures are retried
 */
public record OciSettings(
    String name,
    URI url,
    boolean insecure,
    String username,
    String password,
    String token,
    Duration timeout,
    RetryPolicy.Settings retry) {

  /** The configuration key of this registry, for messages. */
  public String key() {
    return "baton.registries." + name;
  }

  /**
   * How workload repositories may name this registry's host: {@code host:port} as in the URL, and
   * for Docker Hub's API host the names people write ({@code docker.io}).
   */
  public Set<String> hosts() {
    String host = url.getHost().toLowerCase(Locale.ROOT);
    String withPort = url.getPort() < 0 ? host : host + ":" + url.getPort();
    if (host.equals("registry-1.docker.io") || host.equals("index.docker.io")) {
      return Set.of(withPort, "docker.io", "index.docker.io", "registry-1.docker.io");
    }
    return Set.of(withPort);
  }

  @Override
  public String toString() {
    return "OciSettings[name="
        + name
        + ", url="
        + url
        + ", insecure="
        + insecure
        + ", username="
        + username
        + ", password="
        + (password == null ? "none" : "****")
        + ", token="
        + (token == null ? "none" : "****")
        + ", timeout="
        + timeout
        + ", retry="
        + retry
        + "]";
  }
}
