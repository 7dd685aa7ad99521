package dev.baton.pipeline;

import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.port.StoreReads;
import java.util.Optional;

/**
 * Refuses a promotion of a release registered before the one its environment runs, in the order
 * {@link RollbackRules} uses: going back is a rollback, which only restores what ran there.
 */
final class Downgrades {
  private Downgrades() {}

  static Verdict check(StoreReads r, Promotion p) {
    Optional<Deployment> current = r.currentDeployment(p.app(), p.env());
    if (current.isEmpty() || current.get().releaseTag().equals(p.releaseTag())) {
      return Verdict.ALLOWED;
    }
    Optional<Release> target = r.release(p.app(), p.releaseTag());
    Optional<Release> runs = r.release(p.app(), current.get().releaseTag());
    if (target.isEmpty()
        || runs.isEmpty()
        || !LaneHistory.registeredBefore(r, target.get(), runs.get())) {
      return Verdict.ALLOWED;
    }
    String older =
        p.releaseTag() + " is older than what runs in " + p.env() + " (" + runs.get().tag();
    if (r.deploymentOf(p.app(), p.env(), p.releaseTag()).isPresent()) {
      return Verdict.deny(
          Verdict.Code.DOWNGRADE,
          older + "); use /rollback " + p.env() + " " + p.app() + " " + p.releaseTag());
    }
    return Verdict.deny(
        Verdict.Code.DOWNGRADE,
        older
            + ") and never ran there, so a rollback cannot restore it either; promote a release"
            + " newer than "
            + runs.get().tag());
  }
}
