package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.EnvironmentPolicy;
import dev.baton.pipeline.model.Pipeline;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultPipelineTest {
  @Test
  void withNothingConfiguredTheChainIsTestSandboxProdWithDefaultPoliciesAndNoApps() {
    try (var ctx = ConfigContexts.run(Map.of())) {
      Pipeline pipeline = ctx.getBean(Pipeline.class);

      assertThat(pipeline.environments())
          .extracting(EnvironmentDefinition::name)
          .containsExactly("test", "sandbox", "prod");
      assertThat(pipeline.apps()).isEmpty();
      for (EnvironmentDefinition env : pipeline.environments()) {
        assertThat(env.namespace()).isEqualTo(env.name());
        assertThat(env.kubeconfig()).isNull();
        assertThat(env.context()).isNull();
        assertDefaults(env.policy());
      }
    }
  }

  @Test
  void startupReportSaysWhatIsNotConfiguredYet() {
    try (var ctx = ConfigContexts.run(Map.of())) {
      var report = ctx.getBean(PipelineStartupReport.class);

      assertThat(report.warnings())
          .anyMatch(
              l -> l.startsWith("No apps configured (baton.apps): Baton will accept no builds"))
          .anyMatch(l -> l.startsWith("No environments configured (baton.environments)"))
          .hasSize(2);
      assertThat(report.summary())
          .isEqualTo(
              "Pipeline: test (0 approvals) → sandbox (0 approvals) → prod (0 approvals);"
                  + " apps: none");
    }
  }

  @Test
  void startupReportWarnsWhenAnyoneMayPromoteAnAppIntoALaterEnvironment() {
    Map<String, Object> properties = new HashMap<>(ValidationCase.base());
    properties.put("baton.environments.sandbox.policy.required-approvals", 0);
    try (var ctx = ConfigContexts.run(properties)) {
      var report = ctx.getBean(PipelineStartupReport.class);

      assertThat(report.warnings())
          .containsExactly(
              "baton.environments.sandbox.policy: anyone may promote into sandbox without approval"
                  + " (required-approvals is 0 and deployers is empty)");
    }
  }

  @Test
  void anEnvironmentConfiguredOnlyInPartKeepsTheOtherDefaults() {
    try (var ctx =
        ConfigContexts.run(
            Map.of(
                "baton.environments.prod.policy.required-approvals",
                1,
                "baton.environments.prod.policy.approvers",
                "S0RELEASE"))) {
      Pipeline pipeline = ctx.getBean(Pipeline.class);

      EnvironmentPolicy prod = pipeline.env("prod").orElseThrow().policy();
      assertThat(prod.requiredApprovals()).isEqualTo(1);
      assertThat(prod.approvers().groups()).containsExactly("S0RELEASE");
      assertThat(prod.approvalTtl()).isEqualTo(Duration.ofHours(24));
      assertDefaults(pipeline.env("sandbox").orElseThrow().policy());
    }
  }

  private static void assertDefaults(EnvironmentPolicy p) {
    assertThat(p.autoDeploy()).isFalse();
    assertThat(p.requiredApprovals()).isZero();
    assertThat(p.approvers().isEmpty()).isTrue();
    assertThat(p.deployers().isEmpty()).isTrue();
    assertThat(p.admins().isEmpty()).isTrue();
    assertThat(p.selfApprovalForbidden()).isTrue();
    assertThat(p.minimumBake()).isEqualTo(Duration.ZERO);
    assertThat(p.approvalTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(p.rollbackApprovals()).isZero();
    assertThat(p.autoRollback()).isTrue();
    assertThat(p.pointerTags()).isEmpty();
    assertThat(p.freezeAfterRollback()).isTrue();
  }
}
