package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.naming.NameUtils;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The records, the unknown-key check and the reference documentation name the same keys. */
class ConfigurationKeysTest {
  static Stream<Arguments> sections() {
    return Stream.of(
        Arguments.of(EnvironmentProperties.ClusterProperties.class, ConfigurationKeys.CLUSTER),
        Arguments.of(EnvironmentProperties.PolicyProperties.class, ConfigurationKeys.POLICY),
        Arguments.of(AppProperties.WorkloadProperties.class, ConfigurationKeys.WORKLOAD),
        Arguments.of(AppProperties.MigrationProperties.class, ConfigurationKeys.MIGRATION),
        Arguments.of(AppProperties.SmokeCheckProperties.class, ConfigurationKeys.SMOKE_CHECK),
        Arguments.of(AppProperties.SourceProperties.class, ConfigurationKeys.SOURCE),
        Arguments.of(EnvironmentProperties.GitProperties.class, ConfigurationKeys.GIT),
        Arguments.of(
            EnvironmentProperties.GitProperties.AuthProperties.class, ConfigurationKeys.GIT_AUTH));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sections")
  void everyBoundValueIsAKnownKeyAndDocumented(Class<?> record, Set<String> known)
      throws IOException {
    List<String> bound =
        Arrays.stream(record.getRecordComponents())
            .map(RecordComponent::getName)
            .filter(n -> !n.equals("name") && !n.equals("index"))
            .map(NameUtils::hyphenate)
            .toList();
    String docs = Files.readString(Path.of("docs/configuration.md"));

    assertThat(known).containsExactlyInAnyOrderElementsOf(bound);
    assertThat(bound).allSatisfy(key -> assertThat(docs).contains("`" + key + "`"));
  }
}
