package dev.baton.config;

import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.naming.NameUtils;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The keys under {@code baton.chain}, {@code baton.environments} and {@code baton.apps}, and the
 * check that rejects any other key there. Micronaut ignores keys it cannot bind, so without this
 * check a typo such as {@code required-aprovals: 2} would silently leave production at 0 approvals.
 */
final class ConfigurationKeys {
  static final Set<String> CLUSTER = Set.of("kubeconfig", "context", "namespace");
  static final Set<String> POLICY =
      Set.of(
          "auto-deploy",
          "required-approvals",
          "approvers",
          "deployers",
          "admins",
          "self-approval-forbidden",
          "minimum-bake",
          "approval-ttl",
          "rollback-approvals",
          "auto-rollback",
          "pointer-tags",
          "freeze-after-rollback",
          "reminder-before");
  static final Set<String> APP = Set.of("registry", "channel");
  static final Set<String> WORKLOAD = Set.of("deployment", "container", "repository");
  static final Set<String> MIGRATION =
      Set.of(
          "workload",
          "phase",
          "command",
          "env",
          "copy-env-from-deployment",
          "service-account",
          "backoff-limit",
          "active-deadline");
  static final Set<String> SMOKE_CHECK =
      Set.of("env", "url", "expected-status", "revision-field", "deadline");

  private ConfigurationKeys() {}

  /**
   * Reports every unknown key. Environment variables are skipped: their names cannot tell {@code
   * main-app} from {@code main.app}, so Micronaut guesses, and so would this check.
   */
  static void checkUnknown(Environment environment, Problems problems) {
    var found = new TreeMap<String, String>();
    for (PropertySource source : environment.getPropertySources()) {
      if (source.getConvention() == PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE) {
        continue;
      }
      for (String key : source) {
        if (key.equals("baton") || key.startsWith("baton.")) {
          walk(key, source.get(key), found);
        }
      }
    }
    found.forEach(problems::add);
  }

  /** Checks a key, or each key inside a nested map value; a key without a value is no key. */
  private static void walk(String key, Object value, Map<String, String> found) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(key + "." + k, v, found));
    } else if (value != null && !key.equals("baton")) {
      problem(key, value).ifPresent(p -> found.put(key, p));
    }
  }

  /** Why {@code key} (with its raw {@code value}) is not a key Baton knows, if it is not. */
  static Optional<String> problem(String key, Object value) {
    String[] s = key.substring("baton.".length()).split("\\.", -1);
    return switch (field(s[0])) {
      case "chain" -> s.length == 1 ? ok() : unknown("baton.chain is a list of environment names");
      case "environments" -> environmentKey(s);
      case "apps" -> appKey(s, value);
      default -> ok(); // other parts of Baton (data-dir, registries, slack) own these
    };
  }

  private static Optional<String> environmentKey(String[] s) {
    if (s.length == 4 && field(s[2]).equals("cluster")) {
      return known(s[3], CLUSTER);
    }
    if (s.length == 4 && field(s[2]).equals("policy")) {
      return known(s[3], POLICY);
    }
    return unknown("expected baton.environments.<name>.cluster.* or .policy.*");
  }

  private static Optional<String> appKey(String[] s, Object value) {
    if (s.length < 3) {
      return unknown("expected baton.apps.<name>.<key>");
    }
    String f = field(s[2]);
    return switch (f) {
      case "registry", "channel" -> s.length == 3 ? ok() : unknown(f + " is a single value");
      case "workloads" ->
          s.length == 5
              ? known(s[4], WORKLOAD)
              : unknown("expected baton.apps.<app>.workloads.<workload>.<key>");
      case "migration" -> migrationKey(s);
      case "smoke-checks" -> smokeCheckKey(s, value);
      default -> unknown("known keys: registry, channel, workloads, migration, smoke-checks");
    };
  }

  private static Optional<String> migrationKey(String[] s) {
    if (s.length == 5 && field(s[3]).equals("env")) {
      return ok(); // environment variable names are free-form
    }
    return s.length == 4 ? known(s[3], MIGRATION) : unknown("known keys: " + sorted(MIGRATION));
  }

  private static Optional<String> smokeCheckKey(String[] s, Object value) {
    if (s.length == 4) {
      return known(s[3], SMOKE_CHECK);
    }
    if (s.length == 3 && value instanceof List<?> list) {
      for (Object entry : list) {
        if (!(entry instanceof Map<?, ?> map)) {
          return unknown(
              "expected a list of {env, url, expected-status, revision-field, deadline}");
        }
        for (Object k : map.keySet()) {
          if (!SMOKE_CHECK.contains(String.valueOf(k))) {
            return unknown("'" + k + "' in a smoke check; known keys: " + sorted(SMOKE_CHECK));
          }
        }
      }
      return ok();
    }
    return unknown("expected a list of {env, url, expected-status, revision-field, deadline}");
  }

  private static Optional<String> known(String segment, Set<String> keys) {
    return keys.contains(field(segment)) ? ok() : unknown("known keys here: " + sorted(keys));
  }

  /** A key segment as Micronaut binds it: kebab-case, without a list index. */
  static String field(String segment) {
    int bracket = segment.indexOf('[');
    return NameUtils.hyphenate(bracket < 0 ? segment : segment.substring(0, bracket));
  }

  private static String sorted(Set<String> keys) {
    return String.join(", ", keys.stream().sorted().toList());
  }

  private static Optional<String> ok() {
    return Optional.empty();
  }

  private static Optional<String> unknown(String hint) {
    return Optional.of("unknown key (" + hint + ")");
  }
}
