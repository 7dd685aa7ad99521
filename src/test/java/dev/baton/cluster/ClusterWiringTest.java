package dev.baton.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.port.Cluster;
import dev.baton.pipeline.port.SmokeChecker;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Baton starts with the Kubernetes adapter in place, without contacting any cluster. */
class ClusterWiringTest {
  @Test
  void theKubernetesAdapterAndTheSmokeCheckerAreTheCoresPortsAndAreConfigurable() {
    try (ApplicationContext ctx =
        ApplicationContext.run(
            Map.of(
                "datasources.default.url",
                "jdbc:h2:mem:cluster"
                    + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "baton.kubernetes.retry-attempts",
                "2",
                "baton.kubernetes.rollout-margin",
                "15s",
                "baton.smoke.interval",
                "10ms"))) {
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
