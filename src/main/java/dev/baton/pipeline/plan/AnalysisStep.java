package dev.baton.pipeline.plan;

import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.analysis.AnalysisProgress;
import dev.baton.pipeline.analysis.MetricEvaluation;
import dev.baton.pipeline.analysis.MetricEvaluation.Evaluation;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Post-deploy metric analysis, with the app's own analysis in the environment ({@link
 * dev.baton.pipeline.model.Pipeline#analysisFor}): one evaluation of every check per run, then
 * {@link StepOutcome.Waiting} for the interval, never a sleep. The count so far is read back from
 * the step's own persisted details ({@link AnalysisProgress}), so a resumed runner carries on.
 *
 * <p>An evaluation is made only once the interval since the previous one has passed: a runner that
 * resumes the step earlier (after a restart, a hand-over, a sweep) waits out the rest, so that no
 * number of restarts makes the analysis shorter than its duration.
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
    Optional<StepRecord> last = lastEvaluation(c);
    if (last.isPresent()) {
      Instant due = last.get().at().plus(a.interval());
      Instant at = ports.clock().instant();
      if (at.isBefore(due)) {
        return new StepOutcome.Waiting(last.get().detail(), Duration.between(at, due));
      }
    }
    Evaluation e = evaluate(c, a);
    if (e.kind() == Evaluation.Kind.BROKEN) {
      return new StepOutcome.Failed(e.text(), false);
    }
    AnalysisProgress soFar =
        last.flatMap(r -> AnalysisProgress.parse(r.detail())).orElse(AnalysisProgress.START);
    AnalysisProgress now = soFar.after(e);
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

  /**
   * The record of the furthest evaluation this promotion's analysis step persisted: the first
   * record with the highest count, whose instant is the evaluation's (a wait written again after a
   * resume repeats its detail later).
   */
  private Optional<StepRecord> lastEvaluation(StepContext c) {
    List<StepRecord> records = ports.store().read(r -> r.steps(c.promotion().id()));
    Comparator<StepRecord> furthest =
        Comparator.<StepRecord>comparingInt(r -> done(r))
            .thenComparing(StepRecord::at, Comparator.reverseOrder());
    return records.stream()
        .filter(r -> r.step() == Step.ANALYSIS && r.status() == StepRecord.Status.RETRYING)
        .filter(r -> AnalysisProgress.parse(r.detail()).isPresent())
        .max(furthest);
  }

  private static int done(StepRecord r) {
    return AnalysisProgress.parse(r.detail()).orElseThrow().done();
  }
}
