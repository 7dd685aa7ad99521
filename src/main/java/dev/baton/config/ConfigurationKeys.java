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
 * The keys under {@code baton.chain}, {@code baton.environments}, {@code baton.apps} and the {@link
 * SettingsSections} ({@code baton.runner}, {@code baton.kubernetes}, …), each derived from the
 * components of the record it binds to, and the check that rejects any other key there, naming the
 * closest known key when one is close. Micronaut ignores keys it cannot bind, so without this check
 * a typo such as {@code required-aprovals: 2} would silently leave production at 0 approvals.
 */
final class ConfigurationKeys {
  static final Set<String> CLUSTER =
      SettingsSections.keysOf(EnvironmentProperties.ClusterProperties.class);
  static final Set<String> POLICY =
      SettingsSections.keysOf(EnvironmentProperties.PolicyProperties.class);
  static final Set<String> APP = SettingsSections.keysOf(AppProperties.class);
  static final Set<String> WORKLOAD =
      SettingsSections.keysOf(AppProperties.WorkloadProperties.class);
  static final Set<String> MIGRATION =
      SettingsSections.keysOf(AppProperties.MigrationProperties.class);
  static final Set<String> SMOKE_CHECK =
      SettingsSections.keysOf(AppProperties.SmokeCheckProperties.class);
  static final Set<String> SOURCE = SettingsSections.keysOf(AppProperties.SourceProperties.class);
  static final Set<String> WINDOW =
      SettingsSections.keysOf(EnvironmentProperties.WindowProperties.class);
  static final Set<String> BLACKOUT =
      SettingsSections.keysOf(EnvironmentProperties.BlackoutProperties.class);

  static final Set<String> GIT = SettingsSections.keysOf(EnvironmentProperties.GitProperties.class);
  // keysOf leaves out "name" (the map key of the other records); here it is a real key
  static final Set<String> GIT_AUTHOR = Set.of("name", "email");
  static final Set<String> GIT_AUTH =
      SettingsSections.keysOf(EnvironmentProperties.GitProperties.AuthProperties.class);
  static final Set<String> ANALYSIS =
      SettingsSections.keysOf(EnvironmentProperties.AnalysisProperties.class);
  static final Set<String> PROMETHEUS =
      SettingsSections.keysOf(EnvironmentProperties.AnalysisProperties.PrometheusProperties.class);
  static final Set<String> BASIC_AUTH =
      SettingsSections.keysOf(
          EnvironmentProperties.AnalysisProperties.PrometheusProperties.BasicAuthProperties.class);

  /** {@code baton.apps.<app>.analysis.<env>.*}: its map key is the environment, not a key. */
  static final Set<String> APP_ANALYSIS =
      SettingsSections.keysOf(AppProperties.AnalysisOverrideProperties.class).stream()
          .filter(k -> !k.equals("env"))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** A check's {@code name} is one of its values, not a map key as elsewhere. */
  static final Set<String> METRIC_CHECK =
      java.util.stream.Stream.concat(
              SettingsSections.keysOf(
                  EnvironmentProperties.AnalysisProperties.MetricCheckProperties.class)
                  .stream(),
              java.util.stream.Stream.of("name"))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

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
      case "environments" -> environmentKey(s, value);
      case "apps" -> appKey(s, value);
      default -> settingsKey(s);
    };
  }

  /** {@code baton.runner.*}, {@code baton.kubernetes.*} …: flat keys of a settings record. */
  private static Optional<String> settingsKey(String[] s) {
    return SettingsSections.of(field(s[0]))
        .map(section -> s.length == 2 ? known(s[1], section.keys()) : unknown(section.keys()))
        .orElse(ok()); // other parts of Baton (data-dir, registries) own these
  }

  private static Optional<String> environmentKey(String[] s, Object value) {
    if (s.length == 4 && field(s[2]).equals("cluster")) {
      return known(s[3], CLUSTER);
    }
    if (s.length == 4 && field(s[2]).equals("policy")) {
      return known(s[3], POLICY);
    }
    if (s.length == 3 && field(s[2]).equals("target")) {
      return ok();
    }
    if (s.length >= 4 && field(s[2]).equals("git")) {
      return gitKey(s);
    }
    if (s.length >= 3 && field(s[2]).equals("windows")) {
      return listKey(s, value, WINDOW, "a window", "{days, from, to, zone}");
    }
    if (s.length >= 3 && field(s[2]).equals("blackouts")) {
      return listKey(s, value, BLACKOUT, "a blackout", "{from, to, zone, reason}");
    }
    if (s.length >= 4 && field(s[2]).equals("analysis")) {
      return analysisKey(s, value);
    }
    return unknown(
        "expected baton.environments.<name>.cluster.*, .policy.*, .windows, .blackouts, .target,"
            + " .git.* or .analysis.*");
  }

  /** {@code baton.environments.<name>.git.*}, with its {@code author} and {@code auth} maps. */
  private static Optional<String> gitKey(String[] s) {
    String f = field(s[3]);
    if (s.length == 5 && f.equals("author")) {
      return known(s[4], GIT_AUTHOR);
    }
    if (s.length == 5 && f.equals("auth")) {
      return known(s[4], GIT_AUTH);
    }
    if (s.length == 4 && !f.equals("author") && !f.equals("auth")) {
      return known(s[3], GIT);
    }
    return unknown("expected git.<key>, git.author.<key> or git.auth.<key>");
  }

  /** {@code baton.environments.<name>.analysis.*}: s[3] is the analysis key. */
  private static Optional<String> analysisKey(String[] s, Object value) {
    String f = field(s[3]);
    if (f.equals("checks")) {
      return listKey(
          java.util.Arrays.copyOfRange(s, 1, s.length),
          value,
          METRIC_CHECK,
          "a metric check",
          "{name, query, success-when, on-empty}");
    }
    if (f.equals("prometheus")) {
      if (s.length == 5) {
        return known(s[4], PROMETHEUS);
      }
      if (s.length == 6 && field(s[4]).equals("basic-auth")) {
        return known(s[5], BASIC_AUTH);
      }
      return unknown(PROMETHEUS);
    }
    return s.length == 4 ? known(s[3], ANALYSIS) : unknown(ANALYSIS);
  }

  private static Optional<String> appKey(String[] s, Object value) {
    if (s.length < 3) {
      return unknown("expected baton.apps.<name>.<key>");
    }
    String f = field(s[2]);
    if (!APP.contains(f)) {
      return known(s[2], APP);
    }
    return switch (f) {
      case "registry", "channel" -> s.length == 3 ? ok() : unknown(f + " is a single value");
      case "workloads" ->
          s.length == 5
              ? known(s[4], WORKLOAD)
              : unknown("expected baton.apps.<app>.workloads.<workload>.<key>");
      case "migration" -> migrationKey(s);
      case "smoke-checks" -> smokeCheckKey(s, value);
      case "source" -> s.length == 4 ? known(s[3], SOURCE) : unknown(SOURCE);
      case "analysis" -> appAnalysisKey(s, value);
      default -> known(s[2], APP);
    };
  }

  /** {@code baton.apps.<app>.analysis.<env>.*}: s[3] is the environment, s[4] the key. */
  private static Optional<String> appAnalysisKey(String[] s, Object value) {
    if (s.length < 5) {
      return unknown("expected baton.apps.<app>.analysis.<env>.<key>");
    }
    String f = field(s[4]);
    if (f.equals("checks")) {
      return listKey(
          java.util.Arrays.copyOfRange(s, 2, s.length),
          value,
          METRIC_CHECK,
          "a metric check",
          "{name, query, success-when, on-empty}");
    }
    if (f.equals("prometheus")) {
      return unknown(
          "an app's checks use the Prometheus of baton.environments."
              + s[3]
              + ".analysis.prometheus");
    }
    return s.length == 5 ? known(s[4], APP_ANALYSIS) : unknown(APP_ANALYSIS);
  }

  private static Optional<String> migrationKey(String[] s) {
    if (s.length == 5 && field(s[3]).equals("env")) {
      return ok(); // environment variable names are free-form
    }
    return s.length == 4 ? known(s[3], MIGRATION) : unknown(MIGRATION);
  }

  private static Optional<String> smokeCheckKey(String[] s, Object value) {
    return listKey(
        s,
        value,
        SMOKE_CHECK,
        "a smoke check",
        "{env, url, expected-status, revision-field, deadline}");
  }

  /**
   * A list of records at {@code s[2]}: the whole list as one value, or {@code list[i].key}.
   *
   * @param what "a smoke check", for the message
   */
  private static Optional<String> listKey(
      String[] s, Object value, Set<String> keys, String what, String shape) {
    if (s.length == 4) {
      return known(s[3], keys);
    }
    if (s.length == 3 && value instanceof List<?> list) {
      for (Object entry : list) {
        if (!(entry instanceof Map<?, ?> map)) {
          return unknown("expected a list of " + shape);
        }
        for (Object k : map.keySet()) {
          if (!keys.contains(String.valueOf(k))) {
            return Optional.of(
                "'" + k + "' in " + what + " is an " + unknownKey(String.valueOf(k), keys));
          }
        }
      }
      return ok();
    }
    return unknown("expected a list of " + shape);
  }

  private static Optional<String> known(String segment, Set<String> keys) {
    return keys.contains(field(segment)) ? ok() : Optional.of(unknownKey(segment, keys));
  }

  /** "unknown key; did you mean …?" when a known key is close, else the list of known keys. */
  static String unknownKey(String segment, Set<String> keys) {
    return Suggestions.closest(field(segment), keys)
        .map(k -> "unknown key; did you mean " + k + "?")
        .orElse("unknown key (known keys here: " + sorted(keys) + ")");
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

  private static Optional<String> unknown(Set<String> keys) {
    return unknown("known keys here: " + sorted(keys));
  }

  private static Optional<String> unknown(String hint) {
    return Optional.of("unknown key (" + hint + ")");
  }
}
