package dev.baton.pipeline.gate;

import dev.baton.pipeline.guard.Verdict;

/**
 * One condition a promotion must meet at a moment of its life: allowed, denied (why), or not yet
 * (why, and when to look again). Pure apart from reading the store it is given.
 */
@FunctionalInterface
public interface Gate {
  Verdict check(GateInput in);
}
