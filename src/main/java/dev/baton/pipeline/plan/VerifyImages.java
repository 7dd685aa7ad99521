package dev.baton.pipeline.plan;

import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.PortException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every image of the release exists in the registry at its digest, before anything moves. */
final class VerifyImages implements PromotionStep {
  private final PipelinePorts ports;

  VerifyImages(PipelinePorts ports) {
    this.ports = ports;
  }

  @Override
  public boolean abandonable() {
    return true;
  }

  @Override
  public StepOutcome run(StepContext c) {
    verify(ports, c.app(), c.promotion().digests());
    return StepOutcome.done(c.app().workloads().size() + " images verified");
  }

  /** Throws a terminal failure naming every missing image. */
  static void verify(PipelinePorts ports, AppDefinition app, Map<String, String> digests) {
    List<String> missing = new ArrayList<>();
    for (Workload w : app.workloads()) {
      String digest = digests.get(w.name());
      if (!ports.registry().exists(ports.repositoryOf(app, w), digest)) {
        missing.add(w.imageAt(digest));
      }
    }
    if (!missing.isEmpty()) {
      throw PortException.terminal(
          "missing from registry "
              + app.registry()
              + ": "
              + String.join(", ", missing)
              + "; nothing was changed");
    }
  }
}
