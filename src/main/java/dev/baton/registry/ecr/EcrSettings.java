package dev.baton.registry.ecr;

import dev.baton.registry.RetryPolicy;
import java.net.URI;
import java.time.Duration;

/**
 * One Amazon ECR registry, as validated configuration. Secrets never appear in {@link #toString()}.
 *
 * @param name the configured name ({@code baton.registries.<name>})
 * @param region AWS region; null means the default AWS region chain
 * @param registryId the 12-digit account ID owning the registry; null means the caller's account
 * @param endpoint API endpoint override; null means ECR's regional endpoint
 * @param accessKeyId static access key; null means the default AWS credentials chain
 * @param secretAccessKey the static key's secret; null with no access key
 * @param timeout the time limit of one API call attempt
 * @param retry how transient failures are retried
 */
public record EcrSettings(
    String name,
    String region,
    String registryId,
    URI endpoint,
    String accessKeyId,
    String secretAccessKey,
    Duration timeout,
    RetryPolicy.Settings retry) {

  /** The configuration key of this registry, for messages. */
  public String key() {
    return "baton.registries." + name;
  }

  @Override
  public String toString() {
    return "EcrSettings[name="
        + name
        + ", region="
        + region
        + ", registryId="
        + registryId
        + ", endpoint="
        + endpoint
        + ", accessKeyId="
        + accessKeyId
        + ", secretAccessKey="
        + (secretAccessKey == null ? "none" : "****")
        + ", timeout="
        + timeout
        + ", retry="
        + retry
        + "]";
  }
}
