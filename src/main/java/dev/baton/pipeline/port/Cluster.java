package dev.baton.pipeline.port;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.model.Workload;
import java.util.Map;
import java.util.function.Consumer;

/** The Kubernetes cluster of each environment. Every call is idempotent. */
public interface Cluster {
  /** What runs now for every workload of the app. */
  Map<String, RunningWorkload> running(EnvironmentDefinition env, AppDefinition app);

  /**
   * Sets the workload's container image to {@code image} ({@code repo@sha256:…}).
   *
   * @param annotations recorded on the Deployment (release tag, promotion id, change cause)
   */
  void setImage(
      EnvironmentDefinition env, Workload workload, String image, Map<String, String> annotations);

  /**
   * Waits until the workload's rollout of {@code image} completes; throws a {@link PortException}
   * when it fails (for example {@code ProgressDeadlineExceeded}) or when the Deployment no longer
   * asks for {@code image} (someone changed it meanwhile).
   */
  void awaitRollout(
      EnvironmentDefinition env,
      Workload workload,
      String image,
      Consumer<RolloutProgress> progress);

  /**
   * Runs the migration Job named {@code jobName} with {@code image} and waits for it; a Job of that
   * name that already exists is awaited, not created again. Throws on failure.
   */
  void runMigration(
      EnvironmentDefinition env,
      AppDefinition app,
      Migration migration,
      String image,
      String jobName);
}
