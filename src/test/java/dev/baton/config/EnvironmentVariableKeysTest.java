package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Pipeline;
import io.micronaut.context.env.PropertySource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys set as environment variables, the way Micronaut maps them (BATON_X_Y → baton.x.y). */
class EnvironmentVariableKeysTest {
  private static PropertySource environmentVariables(Map<String, Object> variables) {
    return PropertySource.of(
        "test-env", variables, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
  }

  @Test
  void policyChainAndClusterCanBeSetByEnvironmentVariables() {
    var variables =
        environmentVariables(
            Map.of(
                "BATON_CHAIN", "test,prod",
                "BATON_ENVIRONMENTS_TEST_POLICY_AUTO_DEPLOY", "true",
                "BATON_ENVIRONMENTS_PROD_POLICY_REQUIRED_APPROVALS", "3",
                "BATON_ENVIRONMENTS_PROD_POLICY_APPROVERS", "U0ALICE,U0BOB,S0RELEASE",
                "BATON_ENVIRONMENTS_PROD_POLICY_MINIMUM_BAKE", "2h",
                "BATON_ENVIRONMENTS_PROD_CLUSTER_NAMESPACE", "credreg-prod"));

    try (var ctx = ConfigContexts.run(variables)) {
      Pipeline pipeline = ctx.getBean(Pipeline.class);

      assertThat(pipeline.environments())
          .extracting(EnvironmentDefinition::name)
          .containsExactly("test", "prod");
      assertThat(pipeline.first().policy().autoDeploy()).isTrue();
      var prod = pipeline.env("prod").orElseThrow();
      assertThat(prod.namespace()).isEqualTo("credreg-prod");
      assertThat(prod.policy().requiredApprovals()).isEqualTo(3);
      assertThat(prod.policy().approvers().users()).containsExactlyInAnyOrder("U0ALICE", "U0BOB");
      assertThat(prod.policy().minimumBake()).isEqualTo(Duration.ofHours(2));
    }
  }

  @Test
  void aBadValueInAnEnvironmentVariableIsReportedWithItsKey() {
    var variables =
        environmentVariables(
            Map.of(
                "BATON_ENVIRONMENTS_PROD_POLICY_REQUIRED_APPROVALS", "2",
                "BATON_ENVIRONMENTS_PROD_POLICY_APPROVAL_TTL", "one day"));

    assertThatThrownBy(
            () -> {
              try (var ctx = ConfigContexts.run(variables)) {
                ctx.getBean(Pipeline.class);
              }
            })
        .hasMessageContaining("baton.environments.prod.policy.required-approvals: is 2")
        .hasMessageContaining("baton.environments.prod.policy.approval-ttl: 'one day'");
  }
}
