package dev.baton.pipeline.plan;

import static dev.baton.pipeline.model.Step.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.Step;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every path through the plan, as {@code TransitionsTest} does for states. */
class StepGraphTest {
  private static final StepGraph.Facts AUTO_ROLLBACK =
      new StepGraph.Facts(PromotionKind.PROMOTION, true, true);
  private static final StepGraph.Facts NO_AUTO_ROLLBACK =
      new StepGraph.Facts(PromotionKind.PROMOTION, true, false);
  private static final StepGraph.Facts FIRST_DEPLOYMENT =
      new StepGraph.Facts(PromotionKind.AUTO_DEPLOY, false, true);
  private static final StepGraph.Facts EXPLICIT_ROLLBACK =
      new StepGraph.Facts(PromotionKind.ROLLBACK, true, true);

  @Test
  void aSuccessfulPromotionRunsEveryForwardStepInOrder() {
    assertThat(happyPath(StepGraph.of(AUTO_ROLLBACK)))
        .containsExactly(
            VERIFY_IMAGES,
            MIGRATE_BEFORE,
            SET_IMAGES,
            AWAIT_ROLLOUT,
            MIGRATE_AFTER,
            SMOKE_CHECKS,
            ANALYSIS,
            MOVE_POINTER_TAGS,
            RECORD_DEPLOYMENT);
  }

  @ParameterizedTest
  @EnumSource(PromotionKind.class)
  void everyKindOfPromotionFollowsTheSameForwardPlan(PromotionKind kind) {
    assertThat(happyPath(StepGraph.of(new StepGraph.Facts(kind, false, false))))
        .hasSize(9)
        .startsWith(StepGraph.FIRST)
        .endsWith(RECORD_DEPLOYMENT);
  }

  /** The recovery paths of the table below. */
  private static final List<Step> CLOSE = List.of(CLOSE_FAILED);

  private static final List<Step> UNDO_IMAGES =
      List.of(ROLLBACK_SET_IMAGES, ROLLBACK_AWAIT_ROLLOUT, CLOSE_ROLLED_BACK);
  private static final List<Step> UNDO_TAGS_AND_IMAGES =
      List.of(RESTORE_POINTER_TAGS, ROLLBACK_SET_IMAGES, ROLLBACK_AWAIT_ROLLOUT, CLOSE_ROLLED_BACK);
  private static final List<Step> UNDO_TAGS_AND_CLOSE = List.of(RESTORE_POINTER_TAGS, CLOSE_FAILED);

  static Stream<Arguments> failures() {
    return Stream.of(
        // failed step, facts, the recovery path up to the end
        Arguments.of(VERIFY_IMAGES, AUTO_ROLLBACK, CLOSE),
        Arguments.of(MIGRATE_BEFORE, AUTO_ROLLBACK, CLOSE),
        Arguments.of(SET_IMAGES, AUTO_ROLLBACK, UNDO_IMAGES),
        Arguments.of(AWAIT_ROLLOUT, AUTO_ROLLBACK, UNDO_IMAGES),
        Arguments.of(MIGRATE_AFTER, AUTO_ROLLBACK, UNDO_IMAGES),
        Arguments.of(SMOKE_CHECKS, AUTO_ROLLBACK, UNDO_IMAGES),
        Arguments.of(ANALYSIS, AUTO_ROLLBACK, UNDO_IMAGES),
        Arguments.of(MOVE_POINTER_TAGS, AUTO_ROLLBACK, UNDO_TAGS_AND_IMAGES),
        Arguments.of(RECORD_DEPLOYMENT, AUTO_ROLLBACK, UNDO_TAGS_AND_IMAGES),
        // the policy does not roll back: close as failed, tags still put back
        Arguments.of(SET_IMAGES, NO_AUTO_ROLLBACK, CLOSE),
        Arguments.of(SMOKE_CHECKS, NO_AUTO_ROLLBACK, CLOSE),
        Arguments.of(ANALYSIS, NO_AUTO_ROLLBACK, CLOSE),
        Arguments.of(MOVE_POINTER_TAGS, NO_AUTO_ROLLBACK, UNDO_TAGS_AND_CLOSE),
        // a first deployment has nothing to restore
        Arguments.of(AWAIT_ROLLOUT, FIRST_DEPLOYMENT, CLOSE),
        Arguments.of(RECORD_DEPLOYMENT, FIRST_DEPLOYMENT, UNDO_TAGS_AND_CLOSE),
        // an explicit rollback is never rolled back automatically
        Arguments.of(SET_IMAGES, EXPLICIT_ROLLBACK, CLOSE),
        Arguments.of(AWAIT_ROLLOUT, EXPLICIT_ROLLBACK, CLOSE),
        Arguments.of(MOVE_POINTER_TAGS, EXPLICIT_ROLLBACK, UNDO_TAGS_AND_CLOSE));
  }

  @ParameterizedTest(name = "{0} failing with {1} recovers through {2}")
  @MethodSource("failures")
  void aFailedStepRecoversAlongTheGraph(Step failed, StepGraph.Facts facts, List<Step> path) {
    StepGraph graph = StepGraph.of(facts);
    assertThat(recoveryPath(graph, failed)).isEqualTo(path);
  }

  static Stream<Arguments> recoveryFailures() {
    return Stream.of(
        // a recovery step failing for good, while recovering from a failure of the given step
        Arguments.of(RESTORE_POINTER_TAGS, MOVE_POINTER_TAGS, AUTO_ROLLBACK, ROLLBACK_SET_IMAGES),
        Arguments.of(RESTORE_POINTER_TAGS, MOVE_POINTER_TAGS, NO_AUTO_ROLLBACK, CLOSE_FAILED),
        Arguments.of(RESTORE_POINTER_TAGS, RECORD_DEPLOYMENT, EXPLICIT_ROLLBACK, CLOSE_FAILED),
        Arguments.of(ROLLBACK_SET_IMAGES, SMOKE_CHECKS, AUTO_ROLLBACK, CLOSE_FAILED),
        Arguments.of(ROLLBACK_AWAIT_ROLLOUT, SMOKE_CHECKS, AUTO_ROLLBACK, CLOSE_FAILED),
        Arguments.of(CLOSE_ROLLED_BACK, SMOKE_CHECKS, AUTO_ROLLBACK, CLOSE_FAILED));
  }

  @ParameterizedTest(name = "{0} failing after {1} ({2}) goes to {3}")
  @MethodSource("recoveryFailures")
  void aFailedRecoveryStepNeverRestartsTheForwardPlan(
      Step failed, Step earlier, StepGraph.Facts facts, Step expected) {
    assertThat(StepGraph.of(facts).afterFailure(failed, earlier)).isEqualTo(expected);
  }

  @Test
  void aRefusedCommitInAGitOpsEnvironmentClosesFailedWithoutARollbackAndATransientOneRecovers() {
    StepGraph gitops = StepGraph.of(new StepGraph.Facts(PromotionKind.PROMOTION, true, true, true));
    StepGraph patched = StepGraph.of(AUTO_ROLLBACK);

    assertThat(gitops.afterFailure(SET_IMAGES, null, false)).isEqualTo(CLOSE_FAILED);
    assertThat(gitops.afterFailure(SET_IMAGES, null, true))
        .as("an answer lost after the server took the push: restore")
        .isEqualTo(ROLLBACK_SET_IMAGES);
    assertThat(gitops.afterFailure(AWAIT_ROLLOUT, null, false))
        .as("the commit was pushed: restore")
        .isEqualTo(ROLLBACK_SET_IMAGES);
    assertThat(patched.afterFailure(SET_IMAGES, null, false))
        .as("a patch may have changed some Deployments")
        .isEqualTo(ROLLBACK_SET_IMAGES);
  }

  @Test
  void thePlanEndsAfterRecordingOrClosing() {
    StepGraph graph = StepGraph.of(AUTO_ROLLBACK);
    assertThat(graph.afterSuccess(RECORD_DEPLOYMENT, null)).isEmpty();
    assertThat(graph.afterSuccess(CLOSE_FAILED, SET_IMAGES)).isEmpty();
    assertThat(graph.afterSuccess(CLOSE_ROLLED_BACK, SET_IMAGES)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Step.class)
  void everyStepHasARouteAndEveryRouteLeadsToAnEnd(Step step) {
    for (StepGraph.Facts facts :
        List.of(AUTO_ROLLBACK, NO_AUTO_ROLLBACK, FIRST_DEPLOYMENT, EXPLICIT_ROLLBACK)) {
      StepGraph graph = StepGraph.of(facts);
      Step earlier = step.recovery() ? SMOKE_CHECKS : null;
      assertThat(endsWithin(graph, step, earlier, 20)).as(step + " with " + facts).isTrue();
    }
  }

  @Test
  void onlyTheStepsThatPutThingsBackNeverGiveUp() {
    EnumSet<Step> patient = EnumSet.noneOf(Step.class);
    for (Step s : Step.values()) {
      if (StepGraph.neverGivesUp(s)) {
        patient.add(s);
      }
    }
    assertThat(patient)
        .containsExactlyInAnyOrder(
            RESTORE_POINTER_TAGS, ROLLBACK_SET_IMAGES, ROLLBACK_AWAIT_ROLLOUT);
  }

  private static List<Step> happyPath(StepGraph graph) {
    List<Step> path = new ArrayList<>();
    Optional<Step> s = Optional.of(StepGraph.FIRST);
    while (s.isPresent()) {
      path.add(s.get());
      s = graph.afterSuccess(s.get(), null);
    }
    return path;
  }

  private static List<Step> recoveryPath(StepGraph graph, Step failed) {
    List<Step> path = new ArrayList<>();
    Optional<Step> s = Optional.of(graph.afterFailure(failed, null));
    while (s.isPresent()) {
      path.add(s.get());
      s = graph.afterSuccess(s.get(), failed);
    }
    return path;
  }

  /** Following successes and failures from {@code step} always reaches the end of the plan. */
  private static boolean endsWithin(StepGraph graph, Step step, Step earlier, int depth) {
    if (depth == 0) {
      return false;
    }
    Optional<Step> onSuccess = graph.afterSuccess(step, earlier);
    boolean successEnds =
        onSuccess.isEmpty()
            || endsWithin(graph, onSuccess.get(), step.recovery() ? earlier : earlier, depth - 1);
    if (step == CLOSE_FAILED) {
      return successEnds;
    }
    Step recovery = graph.afterFailure(step, earlier);
    Step origin = step.recovery() ? earlier : step;
    return successEnds && endsWithin(graph, recovery, origin, depth - 1);
  }
}
