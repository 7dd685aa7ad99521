package dev.baton.registry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code baton.registries.<name>}: one image registry that apps name in {@code
 * baton.apps.<app>.registry}. Which keys apply depends on {@code type}; {@link RegistryRules}
 * checks them all at startup. The secrets ({@code password}, {@code token}, {@code
 * secret-access-key}) never appear in {@link #toString()}.
 *
 * @param name the map key, e.g. {@code default} or {@code ghcr}
 * @param type {@code oci} (any registry speaking the OCI distribution API) or {@code ecr}
 * @param url oci: {@code https://host[:port]}; {@code http://} only with {@code insecure: true}
 * @param insecure oci and ecr: allow a plain-HTTP {@code url} / {@code endpoint} (local only)
 * @param username oci: user for basic auth, or for the token service of a bearer-token registry
 * @param password oci: that user's password or access token (secret)
 * @param token oci: a static bearer token sent as is, instead of username and password (secret)
 * @param region ecr: AWS region; none means the default AWS region chain
 * @param registryId ecr: the 12-digit account ID that owns the registry; none means the caller's
 * @param endpoint ecr: API endpoint override (tests, VPC endpoints)
 * @param accessKeyId ecr: static access key; none means the default AWS credentials chain
 * @param secretAccessKey ecr: the static key's secret (secret)
 * @param timeout one request's time limit; default 10s
 * @param retry how transient failures are retried
 */
@EachProperty("baton.registries")
public record RegistryProperties(
    @Parameter String name,
    @Nullable String type,
    @Nullable String url,
    @Nullable Boolean insecure,
    @Nullable String username,
    @Nullable String password,
    @Nullable String token,
    @Nullable String region,
    @Nullable String registryId,
    @Nullable String endpoint,
    @Nullable String accessKeyId,
    @Nullable String secretAccessKey,
    @Nullable Duration timeout,
    @Nullable RetryProperties retry) {
  public static final String PREFIX = "baton.registries";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public RegistryProperties {
    type = text(type);
    url = text(url);
    insecure = insecure != null && insecure;
    username = text(username);
    password = password == null || password.isEmpty() ? null : password;
    token = text(token);
    region = text(region);
    registryId = text(registryId);
    endpoint = text(endpoint);
    accessKeyId = text(accessKeyId);
    secretAccessKey = secretAccessKey == null || secretAccessKey.isEmpty() ? null : secretAccessKey;
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    retry = retry == null ? RetryProperties.DEFAULTS : retry;
  }

  /** The full key of this registry, e.g. {@code baton.registries.default}. */
  public String key() {
    return PREFIX + "." + name;
  }

  @Override
  public String toString() {
    return "RegistryProperties[name="
        + name
        + ", type="
        + type
        + ", url="
        + url
        + ", insecure="
        + insecure
        + ", username="
        + username
        + ", password="
        + hidden(password)
        + ", token="
        + hidden(token)
        + ", region="
        + region
        + ", registryId="
        + registryId
        + ", endpoint="
        + endpoint
        + ", accessKeyId="
        + accessKeyId
        + ", secretAccessKey="
        + hidden(secretAccessKey)
        + ", timeout="
        + timeout
        + ", retry="
        + retry
        + "]";
  }

  /** A secret as logs may show it: whether it is set, never its value. */
  static String hidden(String secret) {
    return secret == null ? "none" : "****";
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * {@code baton.registries.<name>.retry}: retries of transient failures (5xx, 429, timeouts,
   * resets) inside one registry call. Terminal failures are never retried.
   *
   * @param maxAttempts attempts per call, first one included; default 4
   * @param baseDelay wait before the second attempt, doubled before each further one; default 500ms
   * @param maxDelay longest single wait, also the cap on an honoured {@code Retry-After}; default
   *     10s
   * @param maxTotal time after which no further attempt starts; default 30s
   */
  @ConfigurationProperties("retry")
  public record RetryProperties(
      @Nullable Integer maxAttempts,
      @Nullable Duration baseDelay,
      @Nullable Duration maxDelay,
      @Nullable Duration maxTotal) {
    public static final RetryProperties DEFAULTS = new RetryProperties(null, null, null, null);

    public RetryProperties {
      maxAttempts = maxAttempts == null ? 4 : maxAttempts;
      baseDelay = baseDelay == null ? Duration.ofMillis(500) : baseDelay;
      maxDelay = maxDelay == null ? Duration.ofSeconds(10) : maxDelay;
      maxTotal = maxTotal == null ? Duration.ofSeconds(30) : maxTotal;
    }
  }
}
