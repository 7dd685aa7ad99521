package dev.baton.fakes;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.Cluster;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.RolloutProgress;
import dev.baton.pipeline.port.RunningWorkload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An in-memory cluster of every environment. Setting an image completes its rollout at once unless
 * a fault says otherwise; a test can also change what runs behind Baton's back (drift).
 */
public final class FakeCluster implements Cluster {
  private final Map<String, String> images = new HashMap<>();
  private final Map<String, Boolean> healthy = new HashMap<>();
  private final List<String> migrations = new ArrayList<>();
  private final Faults faults;

  public FakeCluster(Faults faults) {
    this.faults = faults;
  }

  public FakeCluster() {
    this(new Faults());
  }

  public Faults faults() {
    return faults;
  }

  /** Changes what runs without Baton (a person with kubectl). */
  public synchronized void setByHand(String env, String workload, String image, boolean complete) {
    images.put(env + "/" + workload, image);
    healthy.put(env + "/" + workload, complete);
  }

  public synchronized String imageOf(String env, String workload) {
    return images.get(env + "/" + workload);
  }

  public synchronized List<String> migrationJobs() {
    return List.copyOf(migrations);
  }

  @Override
  public Map<String, RunningWorkload> running(EnvironmentDefinition env, AppDefinition app) {
    faults.before("cluster.running " + env.name());
    synchronized (this) {
      Map<String, RunningWorkload> out = new LinkedHashMap<>();
      for (Workload w : app.workloads()) {
        String image = images.get(env.name() + "/" + w.name());
        if (image != null) {
          int at = image.indexOf("@sha256:");
          String digest = at < 0 ? null : image.substring(at + 1);
          out.put(
              w.name(),
              new RunningWorkload(
                  w.name(),
                  image,
                  digest,
                  healthy.getOrDefault(env.name() + "/" + w.name(), false)));
        }
      }
      return out;
    }
  }

  @Override
  public void setImage(
      EnvironmentDefinition env, Workload workload, String image, Map<String, String> annotations) {
    faults.before("cluster.setImage " + env.name() + " " + workload.name());
    synchronized (this) {
      images.put(env.name() + "/" + workload.name(), image);
      healthy.put(env.name() + "/" + workload.name(), false);
    }
  }

  @Override
  public void awaitRollout(
      EnvironmentDefinition env,
      Workload workload,
      String image,
      Consumer<RolloutProgress> progress) {
    faults.before("cluster.awaitRollout " + env.name() + " " + workload.name());
    synchronized (this) {
      String actual = images.get(env.name() + "/" + workload.name());
      if (actual == null) {
        throw PortException.terminal("deployment " + workload.deployment() + " not found");
      }
      if (!actual.equals(image)) {
        throw PortException.terminal(
            workload.deployment()
                + " was changed to "
                + actual
                + " during the rollout of "
                + image);
      }
      healthy.put(env.name() + "/" + workload.name(), true);
    }
    progress.accept(new RolloutProgress(workload.name(), 2, 2, 2));
  }

  @Override
  public void runMigration(
      EnvironmentDefinition env, AppDefinition app, Migration migration, String image, String job) {
    faults.before("cluster.runMigration " + env.name());
    synchronized (this) {
      if (!migrations.contains(job)) {
        migrations.add(job);
      }
    }
  }
}
