package dev.baton.slack;

import static dev.baton.testing.Builders.aPromotion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.ApprovalOutcome;
import dev.baton.pipeline.PipelineQueries;
import dev.baton.pipeline.Refusal;
import dev.baton.pipeline.Requested;
import dev.baton.pipeline.guard.PromotionGuards;
import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Principals;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.view.ApprovalStatus;
import dev.baton.pipeline.view.Bake;
import dev.baton.slack.blocks.ApprovalAnswer;
import dev.baton.slack.blocks.HomeView;
import dev.baton.slack.blocks.PromoteAnswer;
import dev.baton.slack.blocks.PromotionCard;
import dev.baton.slack.blocks.PromotionMessage;
import dev.baton.slack.blocks.StepLines;
import dev.baton.slack.blocks.Text;
import dev.baton.slack.commands.CommandBook;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Messages rendered from what the core decided: each text defect found, as people read it. */
class ReadModelTextTest {
  static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
  static final String TAG = "2026.11.22.0001";

  @Test
  void statusNamesTheReplicaThatDrivesARunningPromotionOrSaysNoneDoes() {
    Promotion running =
        aPromotion()
            .toEnv("prod")
            .inState(PromotionState.RUNNING)
            .atStep(Step.AWAIT_ROLLOUT)
            .build();
    var driven =
        new PipelineQueries.EnvironmentState(
            "prod", null, null, null, List.of(running), 2, "baton-b#1b44730c");
    var orphaned =
        new PipelineQueries.EnvironmentState("prod", null, null, null, List.of(running), 2, null);

    String withRunner =
        HomeView.appText(new PipelineQueries.AppState("credreg", NOW, List.of(driven)), NOW);
    String withoutRunner =
        HomeView.appText(new PipelineQueries.AppState("credreg", NOW, List.of(orphaned)), NOW);

    assertThat(withRunner)
        .contains(
            "running at " + PromotionMessage.label(Step.AWAIT_ROLLOUT) + ", driven by `baton-b`")
        .doesNotContain("1b44730c");
    assertThat(withoutRunner).contains(", waiting for a replica to take it over");
  }

  @Test
  void aFreezeByBatonSaysBatonAndItsEndIsASlackDate() {
    Instant until = NOW.plus(Duration.ofHours(2));
    Verdict.Blocked byBaton =
        (Verdict.Blocked)
            PromotionGuards.notFrozen(
                "prod", Optional.of(new Freeze("prod", "baton", "rolled back", NOW, until)), NOW);
    assertThat(CommandBook.refused(Refusal.notNow(byBaton.reason())).text())
        .isEqualTo("⚠️ prod is frozen by Baton until " + Text.date(until) + ": rolled back")
        .doesNotContain("<@baton>")
        .doesNotContain(until.toString());
    Verdict.Blocked byAdmin =
        (Verdict.Blocked)
            PromotionGuards.notFrozen(
                "prod", Optional.of(new Freeze("prod", "UADMIN", "incident", NOW, null)), NOW);
    assertThat(CommandBook.refused(Refusal.notNow(byAdmin.reason())).text())
        .isEqualTo("⚠️ prod is frozen by <@UADMIN> until someone unfreezes it: incident");
  }

  @Test
  void anApprovalOnAStalePromotionSaysItWasCancelledAndWhy() {
    Promotion cancelled =
        promotion(PromotionState.PENDING_APPROVAL, "UDEPLOYER")
            .withState(
                PromotionState.CANCELLED,
                NOW,
                "stale: sandbox runs 2026.11.22.0002 (main-app sha256:222222222222), not "
                    + TAG
                    + " (main-app sha256:111111111111) as recorded");
    String answer = ApprovalAnswer.of(new ApprovalOutcome.CancelledStale(cancelled));
    assertThat(answer)
        .startsWith("🚫 Your approval did not count: Baton cancelled the promotion of")
        .contains("sandbox runs 2026.11.22.0002 (main-app sha256:222222222222), not " + TAG)
        .doesNotContain("starts as soon as");
  }

  @Test
  void anApprovalAfterTheDeadlineSaysTheRequestExpired() {
    Promotion p = promotion(PromotionState.PENDING_APPROVAL, "UDEPLOYER");
    Promotion expired = p.withState(PromotionState.EXPIRED, NOW, "not approved within 1d 0h");
    assertThat(ApprovalAnswer.of(new ApprovalOutcome.Expired(expired)))
        .startsWith("⌛ Your approval did not count: the request to promote")
        .contains("expired " + Text.date(expired.expiresAt()))
        .contains("not approved within 1d 0h");
  }

  @Test
  void aStepLineNeverShowsAnOutcomeOnARunningIconNorRepeatsItsName() {
    var done =
        new PromotionCard.StepLine(
            Step.AWAIT_ROLLOUT, StepRecord.Status.SUCCEEDED, "rollout complete for 2 workloads");
    assertThat(StepLines.line(done, null)).isEqualTo("✅ rollout complete for 2 workloads");
    var running =
        new PromotionCard.StepLine(
            Step.AWAIT_ROLLOUT, StepRecord.Status.STARTED, "rollout complete");
    assertThat(StepLines.line(running, null)).isEqualTo("⏳ rollout");
    assertThat(StepLines.line(running, "main-app: 1/2 updated, 0/2 available"))
        .isEqualTo("⏳ rollout — main-app: 1/2 updated, 0/2 available");
    var verified =
        new PromotionCard.StepLine(
            Step.VERIFY_IMAGES, StepRecord.Status.SUCCEEDED, "2 images verified");
    assertThat(StepLines.line(verified, null)).isEqualTo("✅ verify images — 2 images verified");
  }

  @Test
  void theRequestListsOnlyEligibleApproversAndSaysAtOnceWhenTooFewAreLeft() {
    Promotion p = promotion(PromotionState.PENDING_APPROVAL, "UREQUESTER");
    ApprovalStatus a =
        new ApprovalStatus(0, 2, List.of(), new Principals(Set.of("UAPPROVER"), Set.of()), true);
    PromotionCard card =
        new PromotionCard(
            p,
            null,
            true,
            a,
            Bake.of(NOW, Duration.ofHours(24), NOW),
            null,
            List.of(),
            null,
            false,
            false,
            null,
            null,
            null,
            NOW);
    String message = String.valueOf(PromotionMessage.build(card).blocks());
    assertThat(message)
        .contains("*Who may approve:* <@UAPPROVER> — 2 needed")
        .contains("prod needs 2 approvals; only 1 eligible approver besides the requester")
        .doesNotContainPattern("Who may approve:[^\\n]*UREQUESTER");

    String answer = PromoteAnswer.of(new Requested(p, true, a));
    assertThat(answer)
        .contains("It needs 2 approvals from <@UAPPROVER>;")
        .contains("⚠️ prod needs 2 approvals; only 1 eligible approver besides you")
        .doesNotContain("<@UREQUESTER>");
  }

  static Promotion promotion(PromotionState state, String requester) {
    return aPromotion()
        .release(TAG, Map.of("main-app", "sha256:" + "1".repeat(64)))
        .requestedBy(requester)
        .inState(state)
        .requestedAt(NOW)
        .expiresAt(NOW.plus(Duration.ofHours(24)))
        .updatedAt(NOW)
        .build();
  }
}
