package dev.baton.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.port.Cluster;
import dev.baton.pipeline.port.SmokeChecker;
import dev.baton.testing.InProcessBaton;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Baton starts with the Kubernetes adapter in place, without contacting any cluster. */
class ClusterWiringTest {
  @Test
  void theKubernetesAdapterAndTheSmokeCheckerAreTheCoresPortsAndAreConfigurable() {
    try (InProcessBaton baton =
        InProcessBaton.builder()
            .property("baton.kubernetes.retry-attempts", "2")
            .property("baton.kubernetes.rollout-margin", "15s")
            .property("baton.smoke.interval", "10ms")
            .start()) {
      ApplicationContext ctx = baton.context();
      assertThat(ctx.getBean(Cluster.class)).isInstanceOf(KubernetesCluster.class);
      assertThat(ctx.getBean(SmokeChecker.class)).isInstanceOf(HttpSmokeChecker.class);
      ClusterSettings settings = ctx.getBean(ClusterSettings.class);
      assertThat(settings.retryAttempts()).isEqualTo(2);
      assertThat(settings.rolloutMargin()).isEqualTo(Duration.ofSeconds(15));
      assertThat(settings.jobTtlAfterFinished()).isEqualTo(Duration.ofHours(72));
      assertThat(ctx.getBean(PipelineCore.class).ports().cluster())
          .isInstanceOf(KubernetesCluster.class);
    }
  }
}
