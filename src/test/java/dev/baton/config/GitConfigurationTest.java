package dev.baton.config;

import static dev.baton.config.ValidationCase.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.baton.pipeline.model.Pipeline;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code target: gitops} and its {@code git} block: read into the pipeline, or refused by key. */
class GitConfigurationTest {
  private static final String PROD = "baton.environments.prod.";
  private static final String TOKEN = "SECRET-git-token-0a1";

  /** The table's base with prod promoted through a kustomize overlay over HTTPS. */
  static Map<String, Object> gitops() {
    Map<String, Object> p = new HashMap<>(ValidationCase.base());
    p.put(PROD + "target", "gitops");
    p.put(PROD + "git.url", "https://git.example.com/platform/deploy.git");
    p.put(PROD + "git.path", "apps/{app}/overlays/prod");
    p.put(PROD + "git.auth.token", TOKEN);
    p.put(PROD + "git.author.name", "Baton Bot");
    return p;
  }

  @Test
  void aGitopsEnvironmentIsReadWithItsDefaults() {
    try (var ctx = ConfigContexts.run(gitops())) {
      var pipeline = ctx.getBean(Pipeline.class);
      var prod = pipeline.env("prod").orElseThrow();
      assertThat(prod.gitops()).isTrue();
      assertThat(prod.git().branch()).isEqualTo("main");
      assertThat(prod.git().pathOf("credreg")).isEqualTo("apps/credreg/overlays/prod");
      assertThat(prod.git().syncTimeout()).isEqualTo(Duration.ofMinutes(10));
      assertThat(pipeline.env("test").orElseThrow().gitops()).isFalse();
      var props =
          ctx.getBeansOfType(EnvironmentProperties.class).stream()
              .filter(e -> e.name().equals("prod"))
              .findFirst()
              .orElseThrow();
      assertThat(props.git().format()).isEqualTo("kustomize");
      assertThat(props.git().pushRetries()).isEqualTo(3);
      assertThat(props.git().author().name()).isEqualTo("Baton Bot");
      assertThat(props.git().auth().token()).isEqualTo(TOKEN);
      assertThat(props.toString()).doesNotContain(TOKEN).contains("token=****");
    }
  }

  static Stream<ValidationCase> cases() {
    return Stream.of(
        named("an unknown target").with(PROD + "target", "argo").fails(PROD + "target", "'argo'"),
        named("gitops without a URL")
            .without(PROD + "git.url")
            .fails(PROD + "git.url", "is required"),
        named("a URL that is neither https nor ssh")
            .with(PROD + "git.url", "ftp://git.example.com/x")
            .fails(PROD + "git.url", "is not an https:// or ssh:// URL"),
        named("no path").without(PROD + "git.path").fails(PROD + "git.path", "is required"),
        named("a path out of the repository")
            .with(PROD + "git.path", "../other")
            .fails(PROD + "git.path", "must be relative"),
        named("an unknown format")
            .with(PROD + "git.format", "jsonnet")
            .fails(PROD + "git.format", "'jsonnet' is not kustomize"),
        named("a zero sync timeout")
            .with(PROD + "git.sync-timeout", "0s")
            .fails(PROD + "git.sync-timeout", "must be positive"),
        named("negative push retries")
            .with(PROD + "git.push-retries", -1)
            .fails(PROD + "git.push-retries", "must be 0 or more"),
        named("ssh without a key")
            .with(PROD + "git.url", "ssh://git@git.example.com/deploy.git")
            .fails(PROD + "git.auth.ssh-key", "is required with an ssh:// URL"),
        named("a misspelt git key")
            .with(PROD + "git.brnch", "main")
            .fails(PROD + "git.brnch", "did you mean branch?"),
        named("a misspelt auth key")
            .with(PROD + "git.auth.tokn", "x")
            .fails(PROD + "git.auth.tokn", "did you mean token?"),
        named("helm values without a path for a workload")
            .with(PROD + "git.format", "helm-values")
            .with("baton.apps.credreg.workloads.main-app.helm-values-path", "main.image")
            .fails("baton.apps.credreg.workloads.worker-app.helm-values-path", "is required"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusesABadGitSettingNamingItsKey(ValidationCase c) {
    Map<String, Object> props = gitops();
    c.without().forEach(props::remove);
    props.putAll(c.with());
    Throwable thrown =
        catchThrowable(
            () -> {
              try (var ctx = ConfigContexts.run(props)) {
                ctx.getBean(Pipeline.class);
              }
            });

    assertThat(thrown).as("startup must fail").isNotNull();
    assertThat(thrown.getMessage()).contains(c.key()).doesNotContain(TOKEN);
  }
}
