package dev.baton.pipeline.plan;

/**
 * One unit of a promotion's plan, in the spirit of a task: it does its work once per run and says
 * how it went. Every step is idempotent — a runner that died in the middle of one simply runs it
 * again — and reports registry and cluster failures by throwing {@code PortException}, which the
 * runner records as {@link StepOutcome.Failed}.
 */
public interface PromotionStep {
  StepOutcome run(StepContext context);

  /**
   * True for the steps that close the promotion (record the deployment, close as failed or rolled
   * back): they write their own end state, are not counted as attempts and record no start.
   */
  default boolean closes() {
    return false;
  }
}
