package dev.baton.cluster;

import static dev.baton.cluster.ClusterFixtures.MAIN;
import static dev.baton.cluster.ClusterFixtures.image;
import static dev.baton.cluster.MockCluster.failure;
import static dev.baton.testing.PortFailures.assertRetryable;
import static dev.baton.testing.PortFailures.assertTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.model.AppDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How API errors reach people: retried when that can help, else terminal with what to do. */
@Timeout(30)
class ApiErrorsTest {
  static final String NS = "credreg-prod";
  static final String PATH = "/apis/apps/v1/namespaces/" + NS + "/deployments/main-app";
  static final int ALWAYS = Integer.MAX_VALUE;
  @RegisterExtension final MockCluster k8s = MockCluster.of("prod", NS);
  final AppDefinition app = ClusterFixtures.app(null);

  @Test
  void aConflictingUpdateIsRetriedOnAFreshReadAndPatchesTheRightContainer() {
    Deployment stale = k8s.deployment("main-app");
    // after Baton read the Deployment, someone inserts a sidecar before the other containers, so
    // the index Baton computed from its (stale) read now points at the log shipper
    k8s.patch(
        "main-app",
        "[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0\","
            + "\"value\":{\"name\":\"istio-proxy\",\"image\":\"istio/proxyv2:1.22\"}}]");
    k8s.answer("GET", PATH, 200, Serialization.asJson(stale), 1);

    setMainImage();

    Deployment after = k8s.deployment("main-app");
    assertThat(MockApi.imageOf(after, "app")).isEqualTo(image(MAIN, "main-2"));
    assertThat(MockApi.imageOf(after, "log-shipper")).isEqualTo("fluent/fluent-bit:3.1");
    assertThat(MockApi.imageOf(after, "istio-proxy")).isEqualTo("istio/proxyv2:1.22");
  }

  @Test
  void anObjectThatKeepsChangingGivesUpRetryably() {
    k8s.answer(
        "PATCH", PATH, 409, failure(409, "Conflict", "the object has been modified", null), 3);

    assertRetryable(this::setMainImage)
        .hasMessageContaining("kept changing while Baton updated it (3 conflicts)");
  }

  @Test
  void aForbiddenVerbNamesThePermissionAndTheRole() {
    k8s.answer(
        "PATCH",
        PATH,
        403,
        failure(
            403,
            "Forbidden",
            "deployments.apps \"main-app\" is forbidden: User \"system:serviceaccount:baton:baton\" cannot patch resource \"deployments\" in API group \"apps\" in the namespace \"credreg-prod\"",
            null),
        ALWAYS);

    assertTerminal(this::setMainImage)
        .hasMessageStartingWith(
            "Baton may not patch deployments in namespace credreg-prod (environment prod): grant it the Role in deploy/kubernetes/rbac")
        .hasMessageContaining("system:serviceaccount:baton:baton");
  }

  @Test
  void rejectedCredentialsSayToRenewThem() {
    k8s.answer("GET", PATH, 401, failure(401, "Unauthorized", "Unauthorized", null), ALWAYS);

    assertTerminal(this::readRunning)
        .hasMessageContaining("did not accept Baton's credentials")
        .hasMessageContaining("renew the token");
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() {
    k8s.answer("GET", PATH, 503, etcdLeaderChanged(), 2);

    assertThat(k8s.cluster.running(k8s.env, app)).containsKeys("main-app", "worker-app");
  }

  @Test
  void serverErrorsThatPersistEndRetryablyAfterTheConfiguredAttempts() {
    k8s.answer("GET", PATH, 503, etcdLeaderChanged(), ALWAYS);

    assertRetryable(this::readRunning)
        .hasMessageContaining("failed 3 times to get deployments main-app")
        .hasMessageContaining("etcd leader changed");
  }

  @Test
  void anUnreachableApiServerIsRetryable() {
    k8s.api.close();

    assertRetryable(this::readRunning)
        .hasMessageContaining("the Kubernetes API of environment prod failed 3 times");
  }

  private void setMainImage() {
    k8s.cluster.setImage(
        k8s.env, MAIN, image(MAIN, "main-2"), ClusterFixtures.annotations("t", "p1"));
  }

  private void readRunning() {
    k8s.cluster.running(k8s.env, app);
  }

  private static Object etcdLeaderChanged() {
    return failure(503, "ServiceUnavailable", "etcd leader changed", null);
  }
}
