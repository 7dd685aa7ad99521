package dev.baton.pipeline.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A database-migration Job run with the image of one workload at the release's digest. Never run by
 * rollbacks.
 *
 * @param workload whose image (at the release's digest) the Job runs
 * @param copyEnvFromDeployment copy the workload's container environment into the Job
 */
public record Migration(
    String workload,
    Phase phase,
    List<String> command,
    Map<String, String> env,
    boolean copyEnvFromDeployment,
    String serviceAccount,
    int backoffLimit,
    Duration activeDeadline) {
  /** When the Job runs relative to the rollout. */
  public enum Phase {
    BEFORE_ROLLOUT,
    AFTER_ROLLOUT
  }

  public Migration {
    command = List.copyOf(command);
    env = Map.copyOf(env);
  }
}
