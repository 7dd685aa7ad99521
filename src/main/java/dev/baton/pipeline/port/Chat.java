package dev.baton.pipeline.port;

/**
 * Tells people what happened. Called after commit; an implementation must never throw into the
 * core, and its failure never undoes a promotion.
 */
public interface Chat {
  void publish(PipelineEvent event);

  /** Tells nobody. */
  Chat SILENT = event -> {};
}
