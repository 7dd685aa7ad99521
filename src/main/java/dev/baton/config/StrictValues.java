package dev.baton.config;

import dev.baton.pipeline.model.Migration;
import io.micronaut.core.value.PropertyResolver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Re-reads the typed values as text. Micronaut's conversions are lenient: {@code "two"} for a
 * number or {@code "banana"} for a duration bind as "absent" and so silently take the default, and
 * any non-true text binds as {@code false}. Here such values are problems. The settings outside the
 * pipeline are checked the same way by {@link SettingsCheck}.
 */
final class StrictValues {
  private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,9}");
  private final PropertyResolver resolver;
  private final Problems problems;

  StrictValues(PropertyResolver resolver, Problems problems) {
    this.resolver = resolver;
    this.problems = problems;
  }

  void check(List<EnvironmentProperties> environments, List<AppProperties> apps) {
    for (EnvironmentProperties e : environments) {
      String p = e.key() + ".policy.";
      for (String f :
          List.of(
              "auto-deploy", "self-approval-forbidden", "auto-rollback", "freeze-after-rollback")) {
        bool(p + f);
      }
      number(p + "required-approvals");
      number(p + "rollback-approvals");
      duration(p + "minimum-bake");
      duration(p + "approval-ttl");
      duration(p + "reminder-before");
      String an = e.key() + ".analysis.";
      duration(an + "interval");
      duration(an + "duration");
      number(an + "failure-limit");
      bool(an + "post-deploy");
      bool(an + "bake");
    }
    for (AppProperties a : apps) {
      if (a.migration() != null) {
        String m = a.key() + ".migration.";
        bool(m + "copy-env-from-deployment");
        number(m + "backoff-limit");
        duration(m + "active-deadline");
        raw(m + "phase")
            .filter(v -> resolver.getProperty(m + "phase", Migration.Phase.class).isEmpty())
            .ifPresent(
                v ->
                    problems.add(
                        m + "phase", quote(v) + " is not before-rollout or after-rollout"));
      }
      for (AppProperties.AnalysisOverrideProperties o : a.analysis()) {
        String an = a.key() + ".analysis." + o.env() + ".";
        duration(an + "interval");
        duration(an + "duration");
        number(an + "failure-limit");
        bool(an + "post-deploy");
        bool(an + "bake");
      }
      for (AppProperties.SmokeCheckProperties c : a.smokeChecks()) {
        String s = a.key() + ".smoke-checks[" + c.index() + "].";
        number(s + "expected-status");
        duration(s + "deadline");
      }
    }
  }

  private void bool(String key) {
    raw(key)
        .filter(v -> !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false"))
        .ifPresent(v -> problems.add(key, quote(v) + " is not true or false"));
  }

  private void number(String key) {
    raw(key)
        .filter(v -> !WHOLE_NUMBER.matcher(v).matches())
        .ifPresent(v -> problems.add(key, quote(v) + " is not a whole number"));
  }

  private void duration(String key) {
    raw(key)
        .filter(v -> resolver.getProperty(key, Duration.class).isEmpty())
        .ifPresent(
            v -> problems.add(key, quote(v) + " is not a duration (write e.g. 0s, 90m, 24h, 2d)"));
  }

  private Optional<String> raw(String key) {
    return resolver.getProperty(key, String.class).map(String::strip);
  }

  private static String quote(String value) {
    return "'" + value + "'";
  }
}
