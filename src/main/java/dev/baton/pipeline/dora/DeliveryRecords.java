package dev.baton.pipeline.dora;

import dev.baton.pipeline.model.DeploymentKind;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** One lane's deployments and failures over a period, oldest first. */
public record DeliveryRecords(List<Deployed> deployments, List<Failure> failures) {
  public DeliveryRecords {
    deployments = deployments.stream().sorted(Comparator.comparing(Deployed::completedAt)).toList();
    failures = failures.stream().sorted(Comparator.comparing(Failure::at)).toList();
  }

  /**
   * An inventory row with its release's times.
   *
   * @param committedAt the release's commit time when CI gave one, else null
   */
  public record Deployed(
      Instant completedAt,
      DeploymentKind kind,
      String releaseTag,
      Instant committedAt,
      Instant registeredAt) {
    /** A change reaching the environment; a rollback restores, it does not deliver a change. */
    public boolean isChange() {
      return kind != DeploymentKind.ROLLBACK;
    }
  }

  /** Something that says the lane's last change went wrong, at the instant it said so. */
  public record Failure(Instant at, Cause cause) {}

  /** What the failure was. */
  public enum Cause {
    /** A promotion, auto-deploy or rollback ended FAILED (when it closed). */
    FAILED_DEPLOYMENT,
    /** A promotion failed and Baton put the previous release back (ROLLED_BACK, when it closed). */
    AUTO_ROLLBACK,
    /** Someone asked for a rollback (when asked; rejected, expired or withdrawn ones excluded). */
    ROLLBACK_REQUEST
  }
}
