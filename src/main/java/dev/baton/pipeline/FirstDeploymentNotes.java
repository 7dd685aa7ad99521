package dev.baton.pipeline;

import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.UnrecordedImages;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.PortException;
import java.util.Optional;

/**
 * Notes what the first deployment into an environment replaces when the environment ran images
 * Baton has no deployment of (a live cluster Baton was adopted on). When such a deployment starts —
 * the promotion has just moved to RUNNING, before any step changed the cluster — it reads the
 * environment once, audits {@code promotion.replacing-unrecorded} with what runs, and tells people
 * ({@link PipelineEvent.UnrecordedImagesReplaced}). {@link PromotionStarter} calls it.
 */
final class FirstDeploymentNotes {
  static final String ACTION = "promotion.replacing-unrecorded";
  private static final System.Logger LOG = System.getLogger(FirstDeploymentNotes.class.getName());

  private final PipelinePorts ports;
  private final UnrecordedImagesReader reader;

  FirstDeploymentNotes(PipelinePorts ports) {
    this.ports = ports;
    this.reader = new UnrecordedImagesReader(ports);
  }

  /** Notes what a promotion that has just started replaces, when it is a first deployment. */
  void started(Promotion p) {
    if (p.state() == PromotionState.RUNNING && p.previousReleaseTag() == null) {
      note(p).ifPresent(ports::tell);
    }
  }

  private Optional<PipelineEvent> note(Promotion p) {
    Optional<UnrecordedImages> replaced;
    try {
      replaced = reader.replacedBy(ports.app(p.app()), ports.env(p.env()), p.digests());
    } catch (PortException e) {
      LOG.log(
          System.Logger.Level.INFO,
          "promotion {0}: could not read what {1} ran before it: {2}",
          p.id(),
          p.env(),
          e.getMessage());
      return Optional.empty();
    }
    if (replaced.isEmpty()) {
      return Optional.empty();
    }
    UnrecordedImages u = replaced.get();
    ports
        .store()
        .write(
            tx -> {
              tx.audit(
                  ports.clock().instant(),
                  AuditEntry.of(
                      PromotionRunner.ACTOR, ACTION, p, "before it started, " + u.sentence()));
              return null;
            });
    return Optional.of(new PipelineEvent.UnrecordedImagesReplaced(p, u));
  }
}
