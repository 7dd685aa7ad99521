package dev.baton.pipeline;

import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.plan.PromotionStep;

/**
 * One promotion this process drives right now: the thread and the step it is in, so that a stopping
 * runner can abandon a step that only waits by interrupting it — and only while it is inside that
 * step, never while it writes to the store.
 */
final class RunningDrive {
  private final Thread thread;
  private Step step;
  private PromotionStep work;
  private boolean abandoned;

  RunningDrive(Thread thread) {
    this.thread = thread;
  }

  synchronized void entering(Step step, PromotionStep work) {
    this.step = step;
    this.work = work;
    this.abandoned = false;
  }

  /** Leaves the step; clears an interrupt meant for it before the runner writes again. */
  synchronized void left() {
    work = null;
    if (abandoned) {
      Thread.interrupted();
    }
  }

  /** Interrupts the step if it only waits (see {@link PromotionStep#abandonable()}). */
  synchronized void abandonIfWaiting() {
    if (work != null && work.abandonable() && !abandoned) {
      abandoned = true;
      thread.interrupt();
    }
  }

  synchronized boolean abandoned() {
    return abandoned;
  }

  synchronized Step step() {
    return step;
  }
}
