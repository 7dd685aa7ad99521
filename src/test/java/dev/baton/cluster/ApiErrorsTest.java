package dev.baton.cluster;

import static dev.baton.cluster.ClusterFixtures.MAIN;
import static dev.baton.cluster.ClusterFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.port.PortException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How API errors reach people: retried when that can help, else terminal with what to do. */
@Timeout(30)
class ApiErrorsTest {
  static final String NS = "credreg-prod";
  static final String PATH = "/apis/apps/v1/namespaces/" + NS + "/deployments/main-app";
  @TempDir Path dir;
  MockApi api;
  KubernetesCluster cluster;
  EnvironmentDefinition env;
  AppDefinition app = ClusterFixtures.app(null);

  @BeforeEach
  void setUp() {
    api = MockApi.start(dir);
    api.createRolledOut(NS, "main-app", "app", image(MAIN, "main-1"));
    api.createRolledOut(NS, "worker-app", "worker", image(ClusterFixtures.WORKER, "worker-1"));
    cluster = ClusterFixtures.cluster(MockApi.settings());
    env = api.env("prod", NS);
  }

  @AfterEach
  void tearDown() {
    cluster.close();
    api.close();
  }

  @Test
  void aConflictingUpdateIsRetriedOnAFreshReadAndPatchesTheRightContainer() {
    Deployment stale = api.deployment(NS, "main-app");
    // after Baton read the Deployment, someone inserts a sidecar before the other containers, so
    // the index Baton computed from its (stale) read now points at the log shipper
    api.client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName("main-app")
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0\","
                + "\"value\":{\"name\":\"istio-proxy\",\"image\":\"istio/proxyv2:1.22\"}}]");
    api.server.expect().get().withPath(PATH).andReturn(200, Serialization.asJson(stale)).once();

    cluster.setImage(env, MAIN, image(MAIN, "main-2"), ClusterFixtures.annotations("t", "p1"));

    Deployment after = api.deployment(NS, "main-app");
    assertThat(MockApi.imageOf(after, "app")).isEqualTo(image(MAIN, "main-2"));
    assertThat(MockApi.imageOf(after, "log-shipper")).isEqualTo("fluent/fluent-bit:3.1");
    assertThat(MockApi.imageOf(after, "istio-proxy")).isEqualTo("istio/proxyv2:1.22");
  }

  @Test
  void anObjectThatKeepsChangingGivesUpRetryably() {
    api.server
        .expect()
        .patch()
        .withPath(PATH)
        .andReturn(409, status(409, "Conflict", "the object has been modified"))
        .times(3);
    assertThatThrownBy(
            () ->
                cluster.setImage(
                    env, MAIN, image(MAIN, "main-2"), ClusterFixtures.annotations("t", "p1")))
        .isInstanceOf(PortException.class)
        .matches(e -> ((PortException) e).retryable())
        .hasMessageContaining("kept changing while Baton updated it (3 conflicts)");
  }

  @Test
  void aForbiddenVerbNamesThePermissionAndTheRole() {
    api.server
        .expect()
        .patch()
        .withPath(PATH)
        .andReturn(
            403,
            status(
                403,
                "Forbidden",
                "deployments.apps \"main-app\" is forbidden: User \"system:serviceaccount:baton:baton\" cannot patch resource \"deployments\" in API group \"apps\" in the namespace \"credreg-prod\""))
        .always();
    assertThatThrownBy(
            () ->
                cluster.setImage(
                    env, MAIN, image(MAIN, "main-2"), ClusterFixtures.annotations("t", "p1")))
        .isInstanceOf(PortException.class)
        .matches(e -> !((PortException) e).retryable())
        .hasMessageStartingWith(
            "Baton may not patch deployments in namespace credreg-prod (environment prod): grant it the Role in deploy/kubernetes/rbac")
        .hasMessageContaining("system:serviceaccount:baton:baton");
  }

  @Test
  void rejectedCredentialsSayToRenewThem() {
    api.server
        .expect()
        .get()
        .withPath(PATH)
        .andReturn(401, status(401, "Unauthorized", "Unauthorized"))
        .always();
    assertThatThrownBy(() -> cluster.running(env, app))
        .matches(e -> !((PortException) e).retryable())
        .hasMessageContaining("did not accept Baton's credentials")
        .hasMessageContaining("renew the token");
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() {
    api.server
        .expect()
        .get()
        .withPath(PATH)
        .andReturn(503, status(503, "ServiceUnavailable", "etcd leader changed"))
        .times(2);
    assertThat(cluster.running(env, app)).containsKeys("main-app", "worker-app");
  }

  @Test
  void serverErrorsThatPersistEndRetryablyAfterTheConfiguredAttempts() {
    api.server
        .expect()
        .get()
        .withPath(PATH)
        .andReturn(503, status(503, "ServiceUnavailable", "etcd leader changed"))
        .always();
    assertThatThrownBy(() -> cluster.running(env, app))
        .isInstanceOf(PortException.class)
        .matches(e -> ((PortException) e).retryable())
        .hasMessageContaining("failed 3 times to get deployments main-app")
        .hasMessageContaining("etcd leader changed");
  }

  @Test
  void anUnreachableApiServerIsRetryable() {
    api.close();
    assertThatThrownBy(() -> cluster.running(env, app))
        .isInstanceOf(PortException.class)
        .matches(e -> ((PortException) e).retryable())
        .hasMessageContaining("the Kubernetes API of environment prod failed 3 times");
  }

  private static Status status(int code, String reason, String message) {
    return new StatusBuilder()
        .withStatus("Failure")
        .withCode(code)
        .withReason(reason)
        .withMessage(message)
        .build();
  }
}
