package dev.baton.pipeline.analysis;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far a post-deploy analysis got. It is persisted as the start of the analysis step's detail
 * ("evaluation 3 of 10, failed 1 of 2 allowed, inconclusive 0: error-rate 0.004 < 0.01"), so the
 * runner that resumes the step after a wait, a crash or a hand-over carries on counting from there,
 * and people read the same text in the thread.
 *
 * @param done evaluations made so far
 * @param failed evaluations in which a check breached its condition
 * @param inconclusive evaluations without an answer for every check
 */
public record AnalysisProgress(int done, int failed, int inconclusive) {
  public static final AnalysisProgress START = new AnalysisProgress(0, 0, 0);

  private static final Pattern FORM =
      Pattern.compile(
          "^evaluation (\\d+) of \\d+, failed (\\d+) of \\d+ allowed, inconclusive (\\d+)\\b.*",
          Pattern.DOTALL);

  /** The progress a step detail carries, if it is one of this step's details. */
  public static Optional<AnalysisProgress> parse(String detail) {
    if (detail == null) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(detail);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new AnalysisProgress(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3))));
  }

  /** The progress after one more evaluation. */
  public AnalysisProgress after(MetricEvaluation.Evaluation e) {
    return new AnalysisProgress(
        done + 1,
        failed + (e.kind() == MetricEvaluation.Evaluation.Kind.FAILED ? 1 : 0),
        inconclusive + (e.kind() == MetricEvaluation.Evaluation.Kind.INCONCLUSIVE ? 1 : 0));
  }

  /** Evaluations that passed. */
  public int passed() {
    return done - failed - inconclusive;
  }

  /** The detail that starts with this progress, then the evaluation's own text. */
  public String detail(int evaluations, int failureLimit, String text) {
    return "evaluation "
        + done
        + " of "
        + evaluations
        + ", failed "
        + failed
        + " of "
        + Math.max(0, failureLimit - 1)
        + " allowed, inconclusive "
        + inconclusive
        + ": "
        + text;
  }
}
