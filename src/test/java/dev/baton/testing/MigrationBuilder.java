package dev.baton.testing;

import dev.baton.pipeline.model.Migration;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * credreg's {@link Migration}: {@code migrate} with main-app's image before the rollout, its
 * environment copied from the Deployment, one retry, 10 minutes.
 */
public final class MigrationBuilder {
  private String workload = "main-app";
  private Migration.Phase phase = Migration.Phase.BEFORE_ROLLOUT;
  private List<String> command = List.of("migrate");
  private Map<String, String> env = Map.of();
  private boolean copyEnvFromDeployment = true;
  private String serviceAccount;
  private int backoffLimit = 1;
  private Duration activeDeadline = Duration.ofMinutes(10);

  MigrationBuilder() {}

  public MigrationBuilder with(String value) {
    workload = value;
    return this;
  }

  public MigrationBuilder phase(Migration.Phase value) {
    phase = value;
    return this;
  }

  public MigrationBuilder command(String... value) {
    command = List.of(value);
    return this;
  }

  public MigrationBuilder env(Map<String, String> value) {
    env = value;
    return this;
  }

  public MigrationBuilder copyEnvFromDeployment(boolean value) {
    copyEnvFromDeployment = value;
    return this;
  }

  public MigrationBuilder serviceAccount(String value) {
    serviceAccount = value;
    return this;
  }

  public MigrationBuilder backoffLimit(int value) {
    backoffLimit = value;
    return this;
  }

  public MigrationBuilder activeDeadline(Duration value) {
    activeDeadline = value;
    return this;
  }

  public Migration build() {
    return new Migration(
        workload,
        phase,
        command,
        env,
        copyEnvFromDeployment,
        serviceAccount,
        backoffLimit,
        activeDeadline);
  }
}
