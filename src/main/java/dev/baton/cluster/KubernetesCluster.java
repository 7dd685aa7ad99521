package dev.baton.cluster;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.Cluster;
import dev.baton.pipeline.port.RolloutProgress;
import dev.baton.pipeline.port.RunningWorkload;
import io.fabric8.kubernetes.client.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link Cluster} port on the Kubernetes API (fabric8): one lazily created client per
 * environment, Deployments patched by JSON Patch, rollouts and migration Jobs followed by watches.
 */
public final class KubernetesCluster implements Cluster, AutoCloseable {
  private final ClusterClients clients;
  private final DeploymentImages images;
  private final RolloutWatcher rollouts;
  private final MigrationRunner migrations;

  /**
   * Environments configured by kubeconfig + context, or the in-cluster service account. Where
   * fabric8 looks by default is read at the first client, not at start: a Baton without a
   * Kubernetes environment never loads fabric8's configuration.
   */
  public KubernetesCluster(ClusterSettings settings) {
    this(lazyConfigs(), settings);
  }

  private static Function<EnvironmentDefinition, Config> lazyConfigs() {
    AtomicReference<ClusterConfigs> configs = new AtomicReference<>();
    return env ->
        configs
            .updateAndGet(
                c ->
                    c != null
                        ? c
                        : new ClusterConfigs(ClusterConfigs.DefaultSources.ofThisMachine()))
            .configFor(env);
  }

  /** With another way to find an environment's fabric8 {@link Config} (tests). */
  KubernetesCluster(Function<EnvironmentDefinition, Config> configs, ClusterSettings settings) {
    KubernetesCalls calls = new KubernetesCalls(settings);
    this.clients = new ClusterClients(configs, settings);
    this.images = new DeploymentImages(calls);
    this.rollouts = new RolloutWatcher(calls, settings);
    this.migrations = new MigrationRunner(calls, settings, images);
  }

  @Override
  public Map<String, RunningWorkload> running(EnvironmentDefinition env, AppDefinition app) {
    ClusterTarget target = clients.target(env);
    Map<String, RunningWorkload> out = new LinkedHashMap<>();
    for (Workload w : app.workloads()) {
      RunningWorkload running = images.running(target, w);
      if (running != null) {
        out.put(w.name(), running);
      }
    }
    return out;
  }

  @Override
  public void setImage(
      EnvironmentDefinition env, Workload workload, String image, Map<String, String> annotations) {
    images.setImage(clients.target(env), workload, image, annotations);
  }

  @Override
  public void awaitRollout(
      EnvironmentDefinition env,
      Workload workload,
      String image,
      Consumer<RolloutProgress> progress) {
    rollouts.await(clients.target(env), workload, image, progress);
  }

  @Override
  public void runMigration(
      EnvironmentDefinition env,
      AppDefinition app,
      Migration migration,
      String image,
      String jobName) {
    migrations.run(clients.target(env), app, migration, image, jobName);
  }

  @Override
  public void close() {
    clients.close();
  }
}
