package dev.baton.pipeline.plan;

import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.PortException;
import java.util.List;
import java.util.Map;

/**
 * The environment's pointer tags (e.g. {@code prod}) moved to the release's digests — or, after a
 * failure, put back on the release the inventory names. Every image is verified first, so no tag
 * moves half-checked; moving a tag that already points at the digest changes nothing.
 */
final class MovePointerTags implements PromotionStep {
  private final PipelinePorts ports;
  private final boolean restoring;

  MovePointerTags(PipelinePorts ports, boolean restoring) {
    this.ports = ports;
    this.restoring = restoring;
  }

  @Override
  public StepOutcome run(StepContext c) {
    Release release = restoring ? c.previous() : c.release();
    if (release == null) {
      return StepOutcome.skipped("no previous release to put the tags back on");
    }
    List<String> tags = c.env().policy().pointerTags();
    if (tags.isEmpty()) {
      return StepOutcome.skipped("no pointer tags for " + c.env().name());
    }
    Map<String, String> digests = release.digests();
    VerifyImages.verify(ports, c.app(), digests);
    for (String tag : tags) {
      for (Workload w : c.app().workloads()) {
        try {
          ports.registry().tag(ports.repositoryOf(c.app(), w), digests.get(w.name()), tag);
        } catch (PortException e) {
          throw new PortException(
              "moving " + w.repository() + ":" + tag + " failed: " + e.getMessage(),
              e.retryable(),
              e);
        }
      }
    }
    return StepOutcome.done(
        "moved " + String.join(", ", tags) + " on " + c.app().workloads().size() + " repositories");
  }
}
