package dev.baton.pipeline;

import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.UnrecordedImages;
import dev.baton.pipeline.port.Chat;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.PortException;
import java.util.Optional;

/**
 * Notes what the first deployment into an environment replaces when the environment ran images
 * Baton has no deployment of (a live cluster Baton was adopted on). When such a deployment starts —
 * the promotion has just moved to RUNNING, before any step changed the cluster — it reads the
 * environment once, audits {@code promotion.replacing-unrecorded} with what runs, and tells people
 * ({@link PipelineEvent.UnrecordedImagesReplaced}). Every other event passes through unchanged.
 */
final class FirstDeploymentNotes implements Chat {
  static final String ACTION = "promotion.replacing-unrecorded";
  private static final System.Logger LOG = System.getLogger(FirstDeploymentNotes.class.getName());

  private final PipelinePorts ports;
  private final UnrecordedImagesReader reader;

  /**
   * @param ports the ports to read and audit with; their chat is the one told
   */
  FirstDeploymentNotes(PipelinePorts ports) {
    this.ports = ports;
    this.reader = new UnrecordedImagesReader(ports);
  }

  @Override
  public void publish(PipelineEvent event) {
    Optional<PipelineEvent> note = Optional.empty();
    if (event instanceof PipelineEvent.PromotionChanged c && firstStart(c.promotion())) {
      note = note(c.promotion());
    }
    ports.tell(event);
    note.ifPresent(ports::tell);
  }

  private static boolean firstStart(Promotion p) {
    return p.state() == PromotionState.RUNNING
        && p.previousReleaseTag() == null
        && (p.step() == null || !p.step().recovery());
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
