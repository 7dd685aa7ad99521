package dev.baton.pipeline.plan;

import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.guard.Durations;
import dev.baton.pipeline.model.Approval;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.ManifestRepository.GitChange;
import dev.baton.pipeline.port.ManifestRepository.Pushed;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.RunningWorkload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * SET_IMAGES and AWAIT_ROLLOUT of an environment a GitOps controller applies: the digests are one
 * commit on the environment's branch, and the rollout wait first waits, up to the sync timeout, for
 * the Deployments to ask for them. A rollback is a new commit with the previous release's digests,
 * never a revert: other commits may have come since.
 */
final class GitOpsSteps {
  /** How often the cluster is read again while the controller has not applied the commit. */
  static final Duration SYNC_POLL = Duration.ofSeconds(1);

  private final PipelinePorts ports;

  GitOpsSteps(PipelinePorts ports) {
    this.ports = ports;
  }

  StepOutcome commit(StepContext c, Release release, boolean restoring) {
    Promotion p = c.promotion();
    Map<String, String> digests = new TreeMap<>();
    c.app().workloads().forEach(w -> digests.put(w.name(), release.digests().get(w.name())));
    GitChange change =
        new GitChange(p.id(), release.tag(), digests, message(c, release, restoring));
    Pushed pushed;
    try {
      pushed = ports.manifests().write(c.env(), c.app(), change);
    } catch (PortException e) {
      if (e.retryable()) {
        throw e;
      }
      // a refusal (credentials, a protected branch, a missing entry) comes before any push
      throw new PortException(
          e.getMessage() + "; nothing was pushed: " + c.env().git().branch() + " is unchanged",
          false,
          e);
    }
    String what = restoring ? release.tag() + " (auto-rollback)" : release.tag();
    return StepOutcome.done(
        (pushed.created() ? "committed " : "already on the branch: ")
            + shortId(pushed.commit())
            + " setting "
            + c.app().workloads().size()
            + " workloads to "
            + what
            + " in "
            + c.env().git().describe(c.app().name()));
  }

  private String message(StepContext c, Release release, boolean restoring) {
    Promotion p = c.promotion();
    List<String> approvers =
        ports.store().read(r -> r.approvals(p.id())).stream().map(Approval::approver).toList();
    String kind = restoring ? "auto-rollback" : p.kind().name().toLowerCase(Locale.ROOT);
    return c.app().name()
        + ": "
        + release.tag()
        + " to "
        + c.env().name()
        + " ("
        + kind
        + ")\n\n"
        + "Baton "
        + kind
        + " of "
        + c.app().name()
        + " release "
        + release.tag()
        + " into "
        + c.env().name()
        + ", requested by "
        + p.requester()
        + ", approved by "
        + (approvers.isEmpty() ? "nobody (no approvals needed)" : String.join(", ", approvers))
        + ", promotion "
        + p.id()
        + ".\n\n"
        + "Baton-Promotion: "
        + p.id()
        + "\n"
        + "Baton-Release: "
        + release.tag()
        + "\n";
  }

  StepOutcome awaitSync(StepContext c, Release release, boolean restoring) {
    Map<String, RunningWorkload> running = ports.cluster().running(c.env(), c.app());
    List<String> behind = new ArrayList<>();
    for (Workload w : c.app().workloads()) {
      String want = w.imageAt(release.digests().get(w.name()));
      RunningWorkload r = running.get(w.name());
      if (r == null || !want.equals(r.image())) {
        behind.add(w.name() + " runs " + (r == null ? "nothing" : named(c, release, w, r.image())));
      }
    }
    if (behind.isEmpty()) {
      return null; // the Deployments ask for the digests: the usual rollout wait follows
    }
    Duration timeout = c.env().git().syncTimeout();
    Instant since = pushedAt(c.promotion(), restoring);
    Duration waited = Duration.between(since, ports.clock().instant());
    Duration left = timeout.minus(waited);
    if (left.isNegative() || left.isZero()) {
      throw PortException.terminal(
          "the GitOps controller did not apply "
              + release.tag()
              + " within the sync timeout of "
              + Durations.human(timeout)
              + ": Git holds "
              + held(c, release)
              + "; the cluster: "
              + String.join(", ", behind));
    }
    String what =
        "waiting for the GitOps controller to apply "
            + release.tag()
            + " from "
            + c.env().git().describe(c.app().name());
    String waiting =
        what
            + " (pushed "
            + Durations.human(waited)
            + " ago; gives up in "
            + Durations.human(left)
            + "): "
            + String.join(", ", behind);
    c.progress().accept(waiting);
    return new StepOutcome.Waiting(
        waiting,
        left.compareTo(SYNC_POLL) < 0 ? left : SYNC_POLL,
        what + ": " + String.join(", ", behind));
  }

  /** What the head of the branch names, "main-app 2026.11.22.0002, worker-app …". */
  private String held(StepContext c, Release release) {
    try {
      Map<String, String> images = ports.manifests().held(c.env(), c.app());
      List<String> held = new ArrayList<>();
      for (Workload w : c.app().workloads()) {
        String image = images.get(w.name());
        held.add(w.name() + " " + (image == null ? "nothing" : named(c, release, w, image)));
      }
      return String.join(", ", held);
    } catch (RuntimeException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * An image as people know it: the tag of the release it belongs to (the one being applied, the
   * promotion's own, the one it replaces), else the reference with its digest shortened, so that
   * the message fits a Slack line and says what runs rather than 64 hex digits.
   */
  private static String named(StepContext c, Release applying, Workload w, String image) {
    for (Release r : new Release[] {applying, c.release(), c.previous()}) {
      if (r != null && image.equals(w.imageAt(r.digests().get(w.name())))) {
        return r.tag();
      }
    }
    int at = image.indexOf("@sha256:");
    int keep = at + "@sha256:".length() + 12;
    return at >= 0 && image.length() > keep ? image.substring(0, keep) + "…" : image;
  }

  /** When the commit step succeeded, which starts the sync timeout. */
  private Instant pushedAt(Promotion p, boolean restoring) {
    Step commit = restoring ? Step.ROLLBACK_SET_IMAGES : Step.SET_IMAGES;
    return ports.store().read(r -> r.steps(p.id())).stream()
        .filter(s -> s.step() == commit && s.status() == StepRecord.Status.SUCCEEDED)
        .map(StepRecord::at)
        .reduce((a, b) -> b)
        .orElse(p.updatedAt());
  }

  private static String shortId(String commit) {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }
}
