package dev.baton.registry.oci;

import dev.baton.registry.RetryPolicy;
import dev.baton.registry.TestAdapters;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/** OCI adapters for tests: fast retries, short timeouts. */
final class OciRegistries {
  private OciRegistries() {}

  static OciSettings settings(String name, String url, String user, String password, String token) {
    return new OciSettings(
        name,
        URI.create(url),
        url.startsWith("http:"),
        user,
        password,
        token,
        Duration.ofSeconds(5),
        TestAdapters.FAST_RETRY);
  }

  static OciRegistry open(String name, String url) {
    return open(settings(name, url, null, null, null), Clock.systemUTC());
  }

  static OciRegistry open(OciSettings settings, Clock clock) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    return new OciRegistry(
        settings, http, TestAdapters.JSON, clock, new RetryPolicy(settings.retry()));
  }
}
