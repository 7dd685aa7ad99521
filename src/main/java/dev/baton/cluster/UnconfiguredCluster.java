package dev.baton.cluster;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.Cluster;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.RolloutProgress;
import dev.baton.pipeline.port.RunningWorkload;
import dev.baton.pipeline.port.SmokeChecker;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.function.Consumer;

/** Used until a cluster adapter is configured: every call fails with what to configure. */
@Singleton
@Secondary
public class UnconfiguredCluster implements Cluster, SmokeChecker {
  @Override
  public Map<String, RunningWorkload> running(EnvironmentDefinition env, AppDefinition app) {
    throw missing(env);
  }

  @Override
  public void setImage(
      EnvironmentDefinition env, Workload workload, String image, Map<String, String> annotations) {
    throw missing(env);
  }

  @Override
  public void awaitRollout(
      EnvironmentDefinition env,
      Workload workload,
      String image,
      Consumer<RolloutProgress> progress) {
    throw missing(env);
  }

  @Override
  public void runMigration(
      EnvironmentDefinition env, AppDefinition app, Migration migration, String image, String job) {
    throw missing(env);
  }

  @Override
  public void check(dev.baton.pipeline.model.SmokeCheck check, dev.baton.pipeline.model.Release r) {
    throw PortException.terminal("no smoke-check adapter is configured");
  }

  private static PortException missing(EnvironmentDefinition env) {
    return PortException.terminal(
        "no Kubernetes adapter is configured for environment " + env.name());
  }
}
