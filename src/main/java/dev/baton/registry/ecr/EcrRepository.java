package dev.baton.registry.ecr;

import dev.baton.registry.ImageNames;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workload's repository in ECR terms. It may be written with the registry host, as Kubernetes
 * pulls it ({@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com/credreg/main-app}): then the
 * account and region in the host must match the configuration, and the account is the registry ID
 * when none is configured. Or without it ({@code credreg/main-app}).
 *
 * @param registryId the account to ask for; null means the configured one or the caller's
 * @param path the repository name inside the registry; null when {@code problem} is set
 * @param problem why the name cannot be used; null when it can
 */
record EcrRepository(String registryId, String path, String problem) {
  private static final Pattern HOST =
      Pattern.compile("(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");

  static EcrRepository parse(String repository, String region, String configuredId) {
    if (repository == null || repository.isBlank()) {
      return invalid("the repository name is empty");
    }
    String rest = repository;
    String account = configuredId;
    int slash = repository.indexOf('/');
    String first = slash > 0 ? repository.substring(0, slash) : "";
    Matcher host = HOST.matcher(first);
    if (host.matches()) {
      if (configuredId != null && !configuredId.equals(host.group(1))) {
        return invalid(
            "the repository is in account "
                + host.group(1)
                + ", but registry-id is "
                + configuredId);
      }
      if (region != null && !region.equals(host.group(2))) {
        return invalid(
            "the repository is in region "
                + host.group(2)
                + ", but this registry's region is "
                + region);
      }
      account = host.group(1);
      rest = repository.substring(slash + 1);
    } else if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
      return invalid(
          "the repository names the host "
              + first
              + ", which is not an ECR registry host"
              + " (<account>.dkr.ecr.<region>.amazonaws.com)");
    }
    ImageNames.Path path = ImageNames.path(rest, Set.of());
    return path.value() == null
        ? invalid(path.problem())
        : new EcrRepository(account, path.value(), null);
  }

  private static EcrRepository invalid(String problem) {
    return new EcrRepository(null, null, problem);
  }
}
