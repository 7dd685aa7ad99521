package dev.baton.pipeline.plan;

import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.analysis.AnalysisProgress;
import dev.baton.pipeline.analysis.MetricEvaluation;
import dev.baton.pipeline.analysis.MetricEvaluation.Evaluation;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import java.util.Comparator;
import java.util.List;

/**
 * Post-deploy metric analysis, with the app's own analysis in the environment ({@link
 * dev.baton.pipeline.model.Pipeline#analysisFor}): one evaluation of every check per run, then
 * {@link StepOutcome.Waiting} for the interval, never a sleep. The count so far is read back from
 * the step's own persisted details ({@link AnalysisProgress}), so a resumed runner carries on.
 *
 * <p>It fails after {@code failure-limit} failed evaluations, or at once on a query Prometheus
 * refuses. Inconclusive evaluations never pass: after the planned evaluations the analysis passes
 * only when at least half of them passed, else it fails as "health unknown".
 */
final class AnalysisStep implements PromotionStep {
  private final PipelinePorts ports;

  AnalysisStep(PipelinePorts ports) {
    this.ports = ports;
  }

  @Override
  public boolean abandonable() {
    return true;
  }

  @Override
  public StepOutcome run(StepContext c) {
    AnalysisPolicy a = ports.pipeline().analysisFor(c.app().name(), c.env().name());
    if (!a.postDeployAnalysis()) {
      return StepOutcome.skipped(
          "no metric analysis for " + c.app().name() + " in " + c.env().name());
    }
    Evaluation e = evaluate(c, a);
    if (e.kind() == Evaluation.Kind.BROKEN) {
      return new StepOutcome.Failed(e.text(), false);
    }
    AnalysisProgress now = progressSoFar(c).after(e);
    String detail = now.detail(a.evaluations(), a.failureLimit(), e.text());
    c.progress().accept(detail);
    if (now.failed() >= a.failureLimit()) {
      return new StepOutcome.Failed(
          "metric analysis failed in "
              + now.failed()
              + " of "
              + now.done()
              + " evaluations; last: "
              + e.text(),
          false);
    }
    if (now.done() < a.evaluations()) {
      return new StepOutcome.Waiting(detail, a.interval());
    }
    if (now.passed() * 2 < now.done()) {
      return new StepOutcome.Failed(
          "health unknown: only "
              + now.passed()
              + " of "
              + now.done()
              + " evaluations passed ("
              + now.inconclusive()
              + " inconclusive)",
          false);
    }
    return StepOutcome.done(
        "metric analysis passed: "
            + now.passed()
            + " of "
            + now.done()
            + " evaluations passed ("
            + now.failed()
            + " failed, "
            + now.inconclusive()
            + " inconclusive)");
  }

  private Evaluation evaluate(StepContext c, AnalysisPolicy a) {
    return MetricEvaluation.evaluate(ports.metrics(), c.env(), c.release(), a.checks());
  }

  /** The furthest progress this promotion's analysis step persisted, or the start. */
  private AnalysisProgress progressSoFar(StepContext c) {
    List<StepRecord> records = ports.store().read(r -> r.steps(c.promotion().id()));
    return records.stream()
        .filter(r -> r.step() == Step.ANALYSIS && r.status() == StepRecord.Status.RETRYING)
        .map(r -> AnalysisProgress.parse(r.detail()))
        .flatMap(java.util.Optional::stream)
        .max(Comparator.comparingInt(AnalysisProgress::done))
        .orElse(AnalysisProgress.START);
  }
}
