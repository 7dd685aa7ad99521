package dev.baton.registry;

import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.naming.NameUtils;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks {@code baton.registries} before any adapter is built. Each problem is one line that starts
 * with its full key, the way {@code dev.baton.config} reports the pipeline. Values that Micronaut
 * binds leniently ({@code insecure: yes} as false, {@code timeout: banana} as absent) are re-read
 * as text, and keys Baton does not know are refused. Secrets are never quoted.
 */
final class RegistryRules {
  private static final Set<String> COMMON = Set.of("type", "timeout", "insecure");
  private static final Set<String> OCI = Set.of("url", "username", "password", "token");
  private static final Set<String> ECR =
      Set.of("region", "registry-id", "endpoint", "access-key-id", "secret-access-key");
  private static final Set<String> KEYS = union(COMMON, OCI, ECR);
  private static final Set<String> RETRY =
      Set.of("max-attempts", "base-delay", "max-delay", "max-total");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  private final Environment environment;
  private final Consumer<String> problems;

  /**
   * @param problems receives {@code key: problem} lines
   */
  RegistryRules(Environment environment, Consumer<String> problems) {
    this.environment = environment;
    this.problems = problems;
  }

  void check(List<RegistryProperties> registries) {
    unknownKeys();
    for (RegistryProperties r : registries) {
      if (!NAME.matcher(r.name()).matches()) {
        add(r.key(), "the registry name must match " + NAME.pattern());
      }
      strictValues(r);
      if (r.type() == null) {
        add(r.key() + ".type", "is required: oci or ecr");
      } else if (r.type().equals("oci")) {
        notFor(r, "oci", ECR);
        oci(r);
      } else if (r.type().equals("ecr")) {
        notFor(r, "ecr", OCI);
        ecr(r);
      } else {
        add(r.key() + ".type", "'" + r.type() + "' is not oci or ecr");
      }
      timing(r);
    }
  }

  private void oci(RegistryProperties r) {
    String k = r.key();
    if (r.url() == null) {
      add(k + ".url", "is required: the registry's address, e.g. https://ghcr.io");
    } else {
      url(k + ".url", r.url(), r.insecure());
    }
    if (r.token() != null && (r.username() != null || r.password() != null)) {
      add(k + ".token", "set either token or username and password, not both");
    }
    if (r.username() != null && r.password() == null) {
      add(k + ".password", "is required with username (e.g. as " + variable(r.name()) + ")");
    }
    if (r.password() != null && r.username() == null) {
      add(k + ".username", "is required with password");
    }
  }

  private void ecr(RegistryProperties r) {
    String k = r.key();
    if (r.region() != null && !REGION.matcher(r.region()).matches()) {
      add(k + ".region", "'" + r.region() + "' is not an AWS region (e.g. eu-west-1)");
    }
    if (r.registryId() != null && !ACCOUNT.matcher(r.registryId()).matches()) {
      add(k + ".registry-id", "'" + r.registryId() + "' is not a 12-digit AWS account ID");
    }
    if (r.endpoint() != null) {
      url(k + ".endpoint", r.endpoint(), r.insecure());
    } else if (r.insecure()) {
      add(k + ".insecure", "only allows a plain http endpoint; there is no endpoint");
    }
    if ((r.accessKeyId() == null) != (r.secretAccessKey() == null)) {
      add(
          k + (r.accessKeyId() == null ? ".access-key-id" : ".secret-access-key"),
          "access-key-id and secret-access-key are set together, or neither (default AWS chain)");
    }
  }

  /** An https URL of a host, or http with insecure; never quoted back when it holds a password. */
  private void url(String key, String value, boolean insecure) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      add(key, "is not a URL (write https://host[:port])");
      return;
    }
    if (uri.getRawUserInfo() != null) {
      add(key, "must not contain credentials; use username and password");
      return;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
      add(key, "'" + value + "' is not an http(s) URL of a host (write https://host[:port])");
    } else if ((uri.getRawPath() != null
            && !uri.getRawPath().isEmpty()
            && !uri.getRawPath().equals("/"))
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      add(key, "'" + value + "' must be just scheme, host and port (https://host[:port])");
    } else if (scheme.equals("http") && !insecure) {
      add(
          key,
          "'"
              + value
              + "' is plain http: use https, or set insecure: true (local development only)");
    } else if (scheme.equals("https") && insecure) {
      add(
          key.substring(0, key.lastIndexOf('.')) + ".insecure",
          "only allows a plain http URL; remove it");
    }
  }

  private void timing(RegistryProperties r) {
    String k = r.key();
    positive(k + ".timeout", r.timeout());
    RegistryProperties.RetryProperties t = r.retry();
    if (t.maxAttempts() < 1 || t.maxAttempts() > 10) {
      add(k + ".retry.max-attempts", "is " + t.maxAttempts() + "; it must be 1 to 10");
    }
    positive(k + ".retry.base-delay", t.baseDelay());
    positive(k + ".retry.max-total", t.maxTotal());
    if (t.maxDelay().compareTo(t.baseDelay()) < 0) {
      add(k + ".retry.max-delay", "must be at least base-delay");
    }
  }

  private void positive(String key, Duration d) {
    if (d.isNegative() || d.isZero()) {
      add(key, "must be positive");
    }
  }

  /** Keys of the other type are refused: a half-edited registry must not start half-working. */
  private void notFor(RegistryProperties r, String type, Set<String> keys) {
    for (String key : keys.stream().sorted().toList()) {
      if (environment.getProperty(r.key() + "." + key, String.class).isPresent()) {
        add(r.key() + "." + key, "is not used by a registry of type " + type);
      }
    }
  }

  private void strictValues(RegistryProperties r) {
    raw(
        r.key() + ".insecure",
        v -> !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false"),
        "is not true or false");
    for (String d :
        List.of(".timeout", ".retry.base-delay", ".retry.max-delay", ".retry.max-total")) {
      String key = r.key() + d;
      raw(
          key,
          v -> environment.getProperty(key, Duration.class).isEmpty(),
          "is not a duration (write e.g. 500ms, 10s, 1m)");
    }
    raw(r.key() + ".retry.max-attempts", v -> !v.matches("\\d{1,9}"), "is not a whole number");
  }

  private void raw(String key, Predicate<String> bad, String problem) {
    environment
        .getProperty(key, String.class)
        .map(String::strip)
        .filter(bad)
        .ifPresent(v -> add(key, "'" + v + "' " + problem));
  }

  /**
   * Keys under {@code baton.registries.<name>} that no registry reads (environment variables
   * aside).
   */
  private void unknownKeys() {
    Map<String, String> found = new TreeMap<>();
    for (PropertySource source : environment.getPropertySources()) {
      if (source.getConvention() == PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE) {
        continue; // their names are ambiguous (main-app vs main.app)
      }
      for (String key : source) {
        walk(key, source.get(key), found);
      }
    }
    found.forEach(this::add);
  }

  private void walk(String key, Object value, Map<String, String> found) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(key + "." + k, v, found));
      return;
    }
    String prefix = RegistryProperties.PREFIX + ".";
    if (value == null || !key.startsWith(prefix)) {
      return;
    }
    String[] s = key.substring(prefix.length()).split("\\.", -1);
    boolean known =
        s.length == 2
            ? KEYS.contains(field(s[1]))
            : s.length == 3 && field(s[1]).equals("retry") && RETRY.contains(field(s[2]));
    if (!known) {
      found.put(
          key,
          "unknown key (known keys: "
              + String.join(", ", KEYS.stream().sorted().toList())
              + ", "
              + String.join(", ", RETRY.stream().sorted().map(k -> "retry." + k).toList())
              + ")");
    }
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return Set.copyOf(all);
  }

  private static String field(String segment) {
    return NameUtils.hyphenate(segment);
  }

  static String variable(String name) {
    return "BATON_REGISTRIES_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_PASSWORD";
  }

  private void add(String key, String problem) {
    problems.accept(key + ": " + problem);
  }
}
