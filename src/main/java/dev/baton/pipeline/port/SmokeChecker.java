package dev.baton.pipeline.port;

import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.SmokeCheck;

/** Runs one smoke check against an environment; throws a {@link PortException} when it fails. */
public interface SmokeChecker {
  void check(SmokeCheck check, Release release);
}
