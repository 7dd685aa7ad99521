package dev.baton.pipeline.analysis;

import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Release;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the placeholders of a check's query: {@code {{app}}}, {@code {{env}}}, {@code
 * {{namespace}}}, {@code {{release}}} (the tag) and {@code {{digest.<workload>}}}.
 */
public final class QueryTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");
  private static final List<String> FIXED = List.of("app", "env", "namespace", "release");

  private QueryTemplate() {}

  /** The values of every placeholder for a release running in an environment. */
  public static Map<String, String> values(EnvironmentDefinition env, Release release) {
    Map<String, String> v = new TreeMap<>();
    v.put("app", release.app());
    v.put("env", env.name());
    v.put("namespace", env.namespace());
    v.put("release", release.tag());
    release.digests().forEach((workload, digest) -> v.put("digest." + workload, digest));
    return v;
  }

  /** The query with every placeholder replaced by its value. */
  public static String render(String query, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(query);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("unknown placeholder {{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The placeholders of {@code query} that cannot be filled for an app with these workloads, in
   * order of appearance.
   */
  public static Set<String> unknownPlaceholders(String query, Set<String> workloads) {
    Set<String> unknown = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(query);
    while (m.find()) {
      String name = m.group(1);
      boolean known =
          FIXED.contains(name)
              || (name.startsWith("digest.")
                  && (workloads == null || workloads.contains(name.substring(7))));
      if (!known) {
        unknown.add(name);
      }
    }
    return unknown;
  }
}
