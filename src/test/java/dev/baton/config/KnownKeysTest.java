package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key a record binds is accepted by the unknown-key check at its place, and the same key
 * misspelt by one letter is refused naming it: the known keys cannot drift from the records.
 */
class KnownKeysTest {

  static Stream<Arguments> keys() {
    List<Arguments> all = new ArrayList<>();
    add(all, "baton.environments.prod.cluster.", ConfigurationKeys.CLUSTER);
    add(all, "baton.environments.prod.policy.", ConfigurationKeys.POLICY);
    add(all, "baton.apps.credreg.workloads.web.", ConfigurationKeys.WORKLOAD);
    add(all, "baton.environments.prod.git.", without(ConfigurationKeys.GIT, "author", "auth"));
    add(all, "baton.environments.prod.git.author.", ConfigurationKeys.GIT_AUTHOR);
    add(all, "baton.environments.prod.git.auth.", ConfigurationKeys.GIT_AUTH);
    add(all, "baton.apps.credreg.migration.", ConfigurationKeys.MIGRATION);
    add(all, "baton.apps.credreg.smoke-checks[0].", ConfigurationKeys.SMOKE_CHECK);
    add(
        all,
        "baton.apps.credreg.analysis.sandbox.",
        without(ConfigurationKeys.APP_ANALYSIS, "checks"));
    add(all, "baton.apps.credreg.analysis.sandbox.checks[0].", ConfigurationKeys.METRIC_CHECK);
    for (SettingsSections.Section s : SettingsSections.ALL) {
      add(all, s.prefix() + ".", s.keys());
    }
    return all.stream();
  }

  private static Set<String> without(Set<String> keys, String... maps) {
    Set<String> left = new java.util.TreeSet<>(keys);
    List.of(maps).forEach(left::remove);
    return left;
  }

  private static void add(List<Arguments> all, String place, Set<String> keys) {
    keys.stream().sorted().forEach(k -> all.add(Arguments.of(place, k)));
  }

  @ParameterizedTest(name = "{0}{1}")
  @MethodSource("keys")
  void aBoundKeyIsKnownAndItsMisspellingIsRefusedNamingIt(String place, String key) {
    String misspelt = key.substring(0, key.length() / 2) + key.substring(key.length() / 2 + 1);

    assertThat(ConfigurationKeys.problem(place + key, "x")).isEmpty();
    assertThat(ConfigurationKeys.problem(place + misspelt, "x"))
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .startsWith("unknown key")
                    .contains(key.length() >= 5 ? "did you mean " + key + "?" : key));
  }
}
