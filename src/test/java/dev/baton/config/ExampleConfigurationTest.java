package dev.baton.config;

import static dev.baton.testing.Builders.aWorkload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.model.Pipeline;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped example is valid and means what its comments say. */
class ExampleConfigurationTest {
  static final Path EXAMPLE = Path.of("config/credreg.example.yml");
  static final String ECR = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

  @Test
  void theExampleReadByMicronautsYamlLoaderGivesTheDocumentedPipeline() throws IOException {
    try (InputStream in = Files.newInputStream(EXAMPLE)) {
      Map<String, Object> yaml = new YamlPropertySourceLoader().read("credreg.example", in);
      try (ApplicationContext ctx = ConfigContexts.run(PropertySource.of("example", yaml))) {
        assertDocumentedPipeline(ctx.getBean(Pipeline.class));
        var report = ctx.getBean(PipelineStartupReport.class);
        assertThat(report.warnings()).isEmpty();
        assertThat(report.summary())
            .isEqualTo(
                "Pipeline: test (auto-deploy, 0 approvals, tags latest) → sandbox (1 approval)"
                    + " → prod (2 approvals, 24h bake, tags prod); apps: credreg (main-app,"
                    + " worker-app)");
      }
    }
  }

  @Test
  void theExampleLoadedAsMicronautConfigFilesGivesTheSamePipeline() {
    // What MICRONAUT_CONFIG_FILES=config/credreg.example.yml does, as a system property.
    String before = System.getProperty("micronaut.config.files");
    System.setProperty("micronaut.config.files", EXAMPLE.toString());
    try (ApplicationContext ctx = ConfigContexts.run(Map.of())) {
      assertDocumentedPipeline(ctx.getBean(Pipeline.class));
    } finally {
      if (before == null) {
        System.clearProperty("micronaut.config.files");
      } else {
        System.setProperty("micronaut.config.files", before);
      }
    }
  }

  private static void assertDocumentedPipeline(Pipeline pipeline) {
    assertThat(pipeline.environments())
        .extracting(EnvironmentDefinition::name)
        .containsExactly("test", "sandbox", "prod");
    var test = pipeline.env("test").orElseThrow();
    var sandbox = pipeline.env("sandbox").orElseThrow();
    var prod = pipeline.env("prod").orElseThrow();
    assertThat(test.namespace()).isEqualTo("credreg-test");
    assertThat(test.policy().autoDeploy()).isTrue();
    assertThat(test.policy().pointerTags()).containsExactly("latest");
    assertThat(sandbox.policy().requiredApprovals()).isEqualTo(1);
    assertThat(prod.policy().autoDeploy()).isFalse();
    assertThat(prod.policy().requiredApprovals()).isEqualTo(2);
    assertThat(prod.policy().minimumBake()).isEqualTo(Duration.ofHours(24));
    assertThat(prod.policy().pointerTags()).containsExactly("prod");
    assertThat(prod.schedule().describeWindows()).isEqualTo("Mon–Thu 09:00–16:00 Europe/Berlin");
    assertThat(prod.schedule().blackouts())
        .singleElement()
        .satisfies(
            b ->
                assertThat(b.describe())
                    .isEqualTo("2026-12-20T00:00–2027-01-04T09:00 Europe/Berlin (holiday freeze)"));
    assertThat(prod.policy().approvers().groups()).containsExactly("S0123RELEASE");
    assertThat(prod.policy().approvers().users())
        .containsExactlyInAnyOrder("U0123ALICE", "U0123BOB");

    AppDefinition credreg = pipeline.app("credreg").orElseThrow();
    assertThat(credreg.channel()).isEqualTo("#credreg-deploys");
    assertThat(credreg.registry()).isEqualTo("default");
    assertThat(credreg.workloads())
        .containsExactly(
            aWorkload("main-app").repository(ECR + "/credreg/main-app").build(),
            aWorkload("worker-app")
                .container("worker")
                .repository(ECR + "/credreg/worker-app")
                .build());
    Migration migration = credreg.migration();
    assertThat(migration.workload()).isEqualTo("main-app");
    assertThat(migration.phase()).isEqualTo(Migration.Phase.BEFORE_ROLLOUT);
    assertThat(migration.command()).containsExactly("java", "-jar", "/app/app.jar", "db-migrate");
    assertThat(migration.env()).isEqualTo(Map.of("MIGRATION_MODE", "apply"));
    assertThat(migration.activeDeadline()).isEqualTo(Duration.ofMinutes(10));
    assertThat(credreg.smokeChecksFor("prod")).hasSize(1);
    assertThat(credreg.smokeChecksFor("prod").get(0).revisionField()).isEqualTo("build.commit");
    assertThat(credreg.smokeChecks())
        .extracting(c -> c.env())
        .isEqualTo(List.of("sandbox", "prod"));
  }
}
