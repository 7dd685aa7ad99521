package dev.baton.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.port.PortException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which cluster an environment talks to, and what people read when that is misconfigured. */
class ClusterConfigTest {
  @TempDir Path dir;

  ClusterConfigs nothingOnThisMachine() {
    return new ClusterConfigs(
        new ClusterConfigs.DefaultSources(
            List.of(dir.resolve("no-kubeconfig")), dir.resolve("no-token")));
  }

  EnvironmentDefinition env(String kubeconfig, String context) {
    return new EnvironmentDefinition(
        "prod", kubeconfig, context, "credreg-prod", Fixtures.credreg().first().policy());
  }

  @Test
  void theNamedContextOfTheKubeconfigIsUsed() {
    try (MockApi api = MockApi.start(dir)) {
      var config = nothingOnThisMachine().configFor(env(api.kubeconfig.toString(), "mock"));
      assertThat(config.getMasterUrl()).startsWith("http://127.0.0.1:" + api.server.getPort());
      assertThat(config.getCurrentContext().getName()).isEqualTo("mock");
    }
  }

  @Test
  void withoutAContextTheFilesCurrentContextIsUsed() {
    try (MockApi api = MockApi.start(dir)) {
      var config = nothingOnThisMachine().configFor(env(api.kubeconfig.toString(), null));
      assertThat(config.getCurrentContext().getName()).isEqualTo("elsewhere");
    }
  }

  @Test
  void anUnknownContextListsTheContextsThereAre() {
    try (MockApi api = MockApi.start(dir)) {
      assertThatThrownBy(
              () -> nothingOnThisMachine().configFor(env(api.kubeconfig.toString(), "prod-eu")))
          .isInstanceOf(PortException.class)
          .hasMessageContaining("has no context \"prod-eu\" (it has: elsewhere, mock)")
          .hasMessageContaining("fix baton.environments.prod.cluster.context");
    }
  }

  @Test
  void aMissingKubeconfigFileNamesTheKey() {
    assertThatThrownBy(
            () -> nothingOnThisMachine().configFor(env(dir.resolve("gone.yaml").toString(), "x")))
        .hasMessageContaining("the kubeconfig file " + dir.resolve("gone.yaml") + " does not exist")
        .hasMessageContaining("baton.environments.prod.cluster.kubeconfig");
  }

  @Test
  void anUnreadableKubeconfigSaysSo() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "clusters: [this is: not: yaml");
    assertThatThrownBy(() -> nothingOnThisMachine().configFor(env(broken.toString(), null)))
        .hasMessageContaining("could not be read");
  }

  @Test
  void onAFreshMachineACallSaysWhatToConfigureAndNothingFailsEarlier() {
    KubernetesCluster cluster =
        new KubernetesCluster(nothingOnThisMachine()::configFor, MockApi.settings());
    assertThatThrownBy(() -> cluster.running(env(null, null), ClusterFixtures.app(null)))
        .isInstanceOf(PortException.class)
        .matches(e -> !((PortException) e).retryable())
        .hasMessage(
            "environment prod has no Kubernetes cluster configured: set"
                + " baton.environments.prod.cluster.kubeconfig (and"
                + " baton.environments.prod.cluster.context), or run Baton inside the cluster"
                + " with its service account (deploy/kubernetes/rbac)");
    cluster.close();
  }

  @Test
  void aServiceAccountTokenMeansInCluster() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "t");
    var configs = new ClusterConfigs(new ClusterConfigs.DefaultSources(List.of(), token));
    assertThat(configs.configFor(env(null, null))).isNotNull();
  }
}
