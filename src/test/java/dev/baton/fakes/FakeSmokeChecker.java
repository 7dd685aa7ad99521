package dev.baton.fakes;

import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.SmokeCheck;
import dev.baton.pipeline.port.SmokeChecker;

/** Smoke checks that pass unless a fault is injected for {@code smoke <env>}. */
public final class FakeSmokeChecker implements SmokeChecker {
  private final Faults faults;

  public FakeSmokeChecker(Faults faults) {
    this.faults = faults;
  }

  @Override
  public void check(SmokeCheck check, Release release) {
    faults.before("smoke " + check.env());
  }
}
