package dev.baton.config;

import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.value.PropertyResolver;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the raw text of every {@link SettingsSections} value against its record component: its
 * type (a duration, a whole number, true or false) and its {@code jakarta.validation} constraints
 * ({@link PositiveDuration}, {@link Min}, {@link Max}, {@link Pattern}). Micronaut checks the same
 * constraints when it binds the records; this runs first, at startup, so that every bad value is
 * named by its key in one message. A value is never quoted back for a {@code Pattern} mismatch of a
 * credential: only the settings without secrets carry patterns.
 */
final class SettingsCheck {
  private static final String WHOLE_NUMBER = "-?\\d{1,9}";
  private final PropertyResolver resolver;
  private final Problems problems;

  SettingsCheck(PropertyResolver resolver, Problems problems) {
    this.resolver = resolver;
    this.problems = problems;
  }

  void check() {
    Set<String> checked = new HashSet<>();
    for (SettingsSections.Section section : SettingsSections.ALL) {
      for (Class<? extends Record> record : section.records()) {
        for (RecordComponent c : record.getRecordComponents()) {
          String key = section.prefix() + "." + NameUtils.hyphenate(c.getName());
          if (checked.add(key)) { // a key two records read is checked by the first
            check(key, c, field(record, c));
          }
        }
      }
    }
  }

  private void check(String key, RecordComponent c, Field f) {
    Optional<String> raw = resolver.getProperty(key, String.class).map(String::strip);
    if (raw.isEmpty()) {
      return;
    }
    String v = raw.get();
    Class<?> type = c.getType();
    if (type == Duration.class) {
      Optional<Duration> d = resolver.getProperty(key, Duration.class);
      if (d.isEmpty()) {
        problems.add(key, quote(v) + " is not a duration (write e.g. 0s, 90m, 24h, 2d)");
      } else if (f.isAnnotationPresent(PositiveDuration.class)
          && (d.get().isNegative() || d.get().isZero())) {
        problems.add(key, "must be positive");
      }
    } else if (type == int.class || type == Integer.class) {
      if (!v.matches(WHOLE_NUMBER)) {
        problems.add(key, quote(v) + " is not a whole number");
      } else {
        range(key, f, Integer.parseInt(v));
      }
    } else if (type == boolean.class || type == Boolean.class) {
      if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
        problems.add(key, quote(v) + " is not true or false");
      }
    } else if (type == String.class && f.isAnnotationPresent(Pattern.class)) {
      Pattern p = f.getAnnotation(Pattern.class);
      if (!v.matches(p.regexp())) {
        problems.add(key, quote(v) + " " + p.message());
      }
    }
  }

  private void range(String key, Field f, int n) {
    Min min = f.getAnnotation(Min.class);
    Max max = f.getAnnotation(Max.class);
    boolean low = min != null && n < min.value();
    boolean high = max != null && n > max.value();
    if (min != null && max != null && (low || high)) {
      problems.add(key, "must be from " + min.value() + " to " + max.value() + ", not " + n);
    } else if (low) {
      problems.add(key, "must be at least " + min.value() + ", not " + n);
    } else if (high) {
      problems.add(key, "must be at most " + max.value() + ", not " + n);
    }
  }

  private static Field field(Class<?> record, RecordComponent c) {
    try {
      return record.getDeclaredField(c.getName());
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("a record component without its field: " + c, e);
    }
  }

  private static String quote(String value) {
    return "'" + value + "'";
  }
}
