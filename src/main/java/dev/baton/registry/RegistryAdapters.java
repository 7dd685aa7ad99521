package dev.baton.registry;

import dev.baton.config.AppProperties;
import dev.baton.config.ConfigurationError;
import dev.baton.registry.ecr.EcrRegistry;
import dev.baton.registry.ecr.EcrSettings;
import dev.baton.registry.oci.OciRegistry;
import dev.baton.registry.oci.OciSettings;
import io.micronaut.context.env.Environment;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one adapter per {@code baton.registries.<name>} after checking the configuration, and
 * checks that every configured app names a configured registry and that its workloads' repositories
 * can live there. Any problem stops startup with a {@link ConfigurationError} that lists them all.
 * No registries and no apps (a fresh machine) is valid.
 */
final class RegistryAdapters {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryAdapters.class);

  private RegistryAdapters() {}

  static RegistryRouter build(
      List<RegistryProperties> configured,
      List<AppProperties> apps,
      Environment environment,
      JsonMapper json) {
    // Micronaut does not keep the order of map entries: sort, so that reports are stable.
    List<RegistryProperties> registries =
        configured.stream().sorted(Comparator.comparing(RegistryProperties::name)).toList();
    List<String> problems = new ArrayList<>();
    new RegistryRules(environment, problems::add).check(registries);
    Map<String, RegistryAdapter> adapters = new TreeMap<>();
    if (problems.isEmpty()) {
      for (RegistryProperties r : registries) {
        try {
          adapters.put(r.name(), adapter(r, json));
        } catch (RuntimeException e) {
          problems.add(setupProblem(r, e));
        }
      }
    }
    Set<String> names =
        registries.stream().map(RegistryProperties::name).collect(Collectors.toSet());
    checkApps(apps, names, adapters, problems);
    if (!problems.isEmpty()) {
      adapters.values().forEach(RegistryAdapter::close);
      ConfigurationError error = new ConfigurationError(problems);
      LOG.error("{}", error.getMessage());
      throw error;
    }
    report(registries);
    return new RegistryRouter(adapters);
  }

  private static RegistryAdapter adapter(RegistryProperties r, JsonMapper json) {
    RetryPolicy.Settings retry = RetryPolicy.Settings.of(r.retry());
    if (r.type().equals("ecr")) {
      return EcrRegistry.create(
          new EcrSettings(
              r.name(),
              r.region(),
              r.registryId(),
              r.endpoint() == null ? null : URI.create(r.endpoint()),
              r.accessKeyId(),
              r.secretAccessKey(),
              r.timeout(),
              retry));
    }
    return OciRegistry.create(
        new OciSettings(
            r.name(),
            URI.create(r.url()),
            r.insecure(),
            r.username(),
            r.password(),
            r.token(),
            r.timeout(),
            retry),
        json);
  }

  private static String setupProblem(RegistryProperties r, RuntimeException e) {
    if (r.type().equals("ecr") && r.region() == null) {
      return r.key()
          + ".region: is not set, and the default AWS region chain found none"
          + " (set it here, or AWS_REGION)";
    }
    return r.key() + ": cannot be set up (" + e.getMessage() + ")";
  }

  private static void checkApps(
      List<AppProperties> apps,
      Set<String> names,
      Map<String, RegistryAdapter> adapters,
      List<String> problems) {
    for (AppProperties app : apps) {
      String registry = app.registry();
      if (registry == null || registry.isBlank()) {
        continue; // the pipeline's own checks report a blank registry
      }
      if (!names.contains(registry)) {
        problems.add(
            app.key()
                + ".registry: '"
                + registry
                + "' is not a configured registry; add baton.registries."
                + registry
                + " (type oci or ecr)"
                + (names.isEmpty() ? "" : " or use one of " + new TreeSet<>(names)));
        continue;
      }
      RegistryAdapter adapter = adapters.get(registry);
      for (AppProperties.WorkloadProperties w : app.workloads()) {
        if (adapter != null && w.repository() != null) {
          adapter
              .repositoryProblem(w.repository())
              .ifPresent(
                  p -> problems.add(app.key() + ".workloads." + w.name() + ".repository: " + p));
        }
      }
    }
  }

  private static void report(List<RegistryProperties> registries) {
    if (registries.isEmpty()) {
      LOG.info("No registries configured (baton.registries); see docs/configuration.md#registries");
      return;
    }
    LOG.info(
        "Registries: {}",
        registries.stream().map(RegistryAdapters::describe).collect(Collectors.joining(", ")));
    for (RegistryProperties r : registries) {
      if (r.insecure()) {
        LOG.warn("{}: plain HTTP allowed (insecure: true); for local development only", r.key());
      }
    }
  }

  /** One registry for the log: never a secret, only whether one is set. */
  static String describe(RegistryProperties r) {
    if (r.type().equals("ecr")) {
      return r.name()
          + " (ecr"
          + (r.registryId() == null ? "" : " " + r.registryId())
          + (r.region() == null ? "" : " " + r.region())
          + (r.endpoint() == null ? "" : " via " + r.endpoint())
          + (r.accessKeyId() == null ? ", default AWS credentials" : ", static access key")
          + ")";
    }
    String auth =
        r.token() != null
            ? "static token"
            : r.username() != null ? "user " + r.username() : "anonymous";
    return r.name() + " (oci " + r.url() + ", " + auth + ")";
  }
}
