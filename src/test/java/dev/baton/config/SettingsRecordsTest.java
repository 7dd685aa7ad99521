package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.baton.api.ApiSettings;
import dev.baton.cluster.ClusterSettings;
import dev.baton.cluster.SmokeSettings;
import dev.baton.pipeline.LeaseOwner;
import dev.baton.slack.SlackTuning;
import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed settings bind with their documented defaults and refuse what their constraints do. */
class SettingsRecordsTest {

  @Test
  void anEmptyConfigurationBindsTheDocumentedDefaults() {
    try (var ctx = ConfigContexts.run(ValidationCase.base())) {
      assertThat(ctx.getBean(RunnerSettings.class))
          .isEqualTo(
              new RunnerSettings(
                  Duration.ofSeconds(10),
                  3,
                  Duration.ofSeconds(1),
                  Duration.ofSeconds(15),
                  true,
                  Duration.ofSeconds(20)));
      assertThat(ctx.getBean(ClusterSettings.class)).isEqualTo(ClusterSettings.defaults());
      assertThat(ctx.getBean(SmokeSettings.class))
          .isEqualTo(new SmokeSettings(Duration.ofSeconds(2), Duration.ofSeconds(5)));
      assertThat(ctx.getBean(SlackTuning.class))
          .isEqualTo(
              new SlackTuning(
                  16,
                  512,
                  Duration.ofSeconds(60),
                  true,
                  Duration.ofSeconds(8),
                  Duration.ofMinutes(2)));
      assertThat(ctx.getBean(ApiSettings.class).driftTimeout()).isEqualTo(Duration.ofSeconds(5));
    }
  }

  @Test
  void configuredValuesReachTheRecords() {
    Map<String, Object> p = new HashMap<>(ValidationCase.base());
    p.put("baton.runner.max-attempts", 5);
    p.put("baton.kubernetes.retry-max-total", "2m");
    p.put("baton.slack.work-threads", 4);
    p.put("baton.instance-id", " replica-7 ");
    try (var ctx = ConfigContexts.run(p)) {
      assertThat(ctx.getBean(LeaseOwner.class).instanceId()).isEqualTo("replica-7");
      assertThat(ctx.getBean(RunnerSettings.class).maxAttempts()).isEqualTo(5);
      assertThat(ctx.getBean(ClusterSettings.class).retryMaxTotal())
          .isEqualTo(Duration.ofMinutes(2));
      assertThat(ctx.getBean(SlackTuning.class).workThreads()).isEqualTo(4);
    }
  }

  @Test
  void micronautChecksTheSameConstraintsOnTheRecords() {
    try (var ctx = ConfigContexts.run(ValidationCase.base())) {
      var bad =
          new RunnerSettings(
              Duration.ZERO, 0, Duration.ofSeconds(1), Duration.ofSeconds(-1), true, Duration.ZERO);

      var violations = ctx.getBean(Validator.class).validate(bad);

      assertThat(violations)
          .extracting(v -> v.getPropertyPath().toString() + " " + v.getMessage())
          .containsExactlyInAnyOrder(
              "leaseTtl must be positive",
              "maxAttempts must be greater than or equal to 1",
              "sweepInterval must be positive",
              "shutdownGrace must be positive");
    }
  }

  @Test
  void everyFlatSettingsRecordIsASectionAndEveryKeyIsDocumented() throws IOException {
    String docs = Files.readString(Path.of("docs/configuration.md"));
    var records =
        new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.baton")
                .stream()
                .filter(c -> c.isAnnotatedWith(ConfigurationProperties.class))
                .filter(c -> c.isRecord() && c.getEnclosingClass().isEmpty())
                .map(JavaClass::reflect)
                .toList();
    for (Class<?> r : records) {
      String prefix = r.getAnnotation(ConfigurationProperties.class).value();
      if (prefix.equals("baton") || !prefix.startsWith("baton.")) {
        continue; // baton.chain, baton.instance-id; the registries check their own keys
      }
      assertThat(SettingsSections.ALL)
          .as(r.getSimpleName() + " is a settings section")
          .anySatisfy(s -> assertThat(s.records()).contains(r.asSubclass(Record.class)));
    }
    for (SettingsSections.Section s : SettingsSections.ALL) {
      assertThat(s.keys())
          .allSatisfy(k -> assertThat(docs).contains("`" + s.prefix() + "." + k + "`"));
    }
  }
}
