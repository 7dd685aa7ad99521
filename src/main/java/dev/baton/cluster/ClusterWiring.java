package dev.baton.cluster;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/**
 * The Kubernetes and smoke-check adapters, configured from {@code baton.kubernetes.*} ({@link
 * ClusterSettings}) and {@code baton.smoke.*} ({@link SmokeSettings}). Nothing here contacts a
 * cluster: Baton starts without one, and a call for an environment whose cluster is not configured
 * fails with what to configure. The adapters are {@code @Secondary}, as the other adapters are, so
 * that a test context registering a fake {@code Cluster} or {@code SmokeChecker} singleton gets the
 * fake.
 */
@Factory
public class ClusterWiring {

  @Singleton
  @Secondary
  @Bean(preDestroy = "close")
  KubernetesCluster kubernetesCluster(ClusterSettings settings) {
    return new KubernetesCluster(settings);
  }

  @Singleton
  @Secondary
  HttpSmokeChecker smokeChecker(SmokeSettings settings) {
    return new HttpSmokeChecker(settings.interval(), settings.requestTimeout());
  }
}
