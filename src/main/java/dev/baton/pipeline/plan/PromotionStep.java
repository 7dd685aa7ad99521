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

  /**
   * True for the steps that only wait and look (images, a rollout, a migration Job, smoke checks):
   * a stopping runner may interrupt them and hand the promotion over, since the next runner simply
   * waits again. Steps that change things run to their end within the shutdown grace.
   */
  default boolean abandonable() {
    return false;
  }
}
