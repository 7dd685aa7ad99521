package dev.baton.cluster;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The Kubernetes and smoke-check adapters, configured from {@code baton.kubernetes.*} and {@code
 * baton.smoke.*}. Nothing here contacts a cluster: Baton starts without one, and a call for an
 * environment whose cluster is not configured fails with what to configure. The adapters are
 * {@code @Secondary}, as the other adapters are, so that a test context registering a fake {@code
 * Cluster} or {@code SmokeChecker} singleton gets the fake.
 */
@Factory
public class ClusterWiring {

  @Singleton
  ClusterSettings clusterSettings(
      @Value("${baton.kubernetes.request-timeout:10s}") Duration requestTimeout,
      @Value("${baton.kubernetes.retry-attempts:4}") int retryAttempts,
      @Value("${baton.kubernetes.retry-backoff:250ms}") Duration retryBackoff,
      @Value("${baton.kubernetes.retry-backoff-max:4s}") Duration retryBackoffMax,
      @Value("${baton.kubernetes.retry-max-total:30s}") Duration retryMaxTotal,
      @Value("${baton.kubernetes.conflict-attempts:5}") int conflictAttempts,
      @Value("${baton.kubernetes.rollout-margin:60s}") Duration rolloutMargin,
      @Value("${baton.kubernetes.resync-interval:30s}") Duration resyncInterval,
      @Value("${baton.kubernetes.job-ttl-after-finished:72h}") Duration jobTtl,
      @Value("${baton.kubernetes.log-lines:20}") int logLines) {
    return new ClusterSettings(
        requestTimeout,
        retryAttempts,
        retryBackoff,
        retryBackoffMax,
        retryMaxTotal,
        conflictAttempts,
        rolloutMargin,
        resyncInterval,
        jobTtl,
        logLines);
  }

  @Singleton
  @Secondary
  @Bean(preDestroy = "close")
  KubernetesCluster kubernetesCluster(ClusterSettings settings) {
    return new KubernetesCluster(settings);
  }

  @Singleton
  @Secondary
  HttpSmokeChecker smokeChecker(
      @Value("${baton.smoke.interval:2s}") Duration interval,
      @Value("${baton.smoke.request-timeout:5s}") Duration requestTimeout) {
    return new HttpSmokeChecker(interval, requestTimeout);
  }
}
