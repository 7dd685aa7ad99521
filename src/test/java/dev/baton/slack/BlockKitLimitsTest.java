package dev.baton.slack;

import static dev.baton.testing.Builders.aDeployment;
import static dev.baton.testing.Builders.aPromotion;
import static dev.baton.testing.Builders.aRelease;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.util.json.GsonFactory;
import dev.baton.pipeline.PipelineQueries;
import dev.baton.pipeline.model.Approval;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.DeploymentKind;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Principals;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.view.ApprovalStatus;
import dev.baton.pipeline.view.Bake;
import dev.baton.pipeline.view.Offer;
import dev.baton.pipeline.view.PromotionStatus;
import dev.baton.slack.blocks.AuditMessage;
import dev.baton.slack.blocks.HomeBoard;
import dev.baton.slack.blocks.HomeView;
import dev.baton.slack.blocks.PromotionCard;
import dev.baton.slack.blocks.PromotionMessage;
import dev.baton.slack.blocks.ReleaseCard;
import dev.baton.slack.blocks.ReleaseMessage;
import dev.baton.slack.blocks.Rendered;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message Baton builds stays inside Slack's Block Kit limits for the largest realistic
 * release: ten workloads with long names, a commit SHA as the tag, many approvers, long reasons.
 */
class BlockKitLimitsTest {
  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  static final String APP = "a".repeat(40);
  static final String TAG = "0123456789abcdef0123456789abcdef01234567";
  static final String LONG = "failure ".repeat(600);

  static Map<String, String> digests() {
    Map<String, String> d = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      d.put(("workload-" + i + "-").repeat(4).substring(0, 38) + i, "sha256:" + "f".repeat(64));
    }
    return d;
  }

  static Release release() {
    return aRelease()
        .ofApp(APP)
        .withTag(TAG)
        .withCommit(TAG)
        .withBuildUrl("https://ci.example.com/" + "x".repeat(400))
        .withDigests(digests())
        .registeredAt(NOW)
        .build();
  }

  static Principals approvers() {
    Set<String> users = new TreeSet<>();
    Set<String> groups = new TreeSet<>();
    for (int i = 0; i < 40; i++) {
      users.add(String.format("U%010d", i));
      groups.add(String.format("S%010d", i));
    }
    return new Principals(users, groups);
  }

  static Promotion promotion(PromotionState state, PromotionKind kind) {
    return aPromotion()
        .withId("p".repeat(36))
        .ofApp(APP)
        .toEnv("production-" + "e".repeat(29))
        .from(kind == PromotionKind.PROMOTION ? "staging-" + "s".repeat(32) : null)
        .kind(kind)
        .release(TAG, digests())
        .requestedBy("U0123456789")
        .inState(state)
        .atStep(Step.AWAIT_ROLLOUT)
        .failedAt(Step.SMOKE_CHECKS)
        .attempts(1)
        .requestedAt(NOW.minus(Duration.ofHours(3)))
        .expiresAt(NOW.plus(Duration.ofHours(21)))
        .updatedAt(NOW)
        .previous("f".repeat(40))
        .because("rejected by U0123456789: " + LONG)
        .version(3)
        .build();
  }

  static PromotionCard card(PromotionState state, PromotionKind kind) {
    List<Approval> approvals = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      approvals.add(new Approval("p", String.format("U%010d", i), NOW));
    }
    List<PromotionCard.StepLine> steps = new ArrayList<>();
    for (Step s : Step.values()) {
      steps.add(new PromotionCard.StepLine(s, StepRecord.Status.FAILED, LONG));
    }
    return new PromotionCard(
        promotion(state, kind),
        release(),
        true,
        new ApprovalStatus(approvals.size(), 30, approvals, approvers(), true),
        new Bake(Duration.ofHours(24), Duration.ofHours(4), Duration.ofHours(20)),
        new Freeze("prod", "U1", LONG, NOW, NOW.plus(Duration.ofHours(2))),
        steps,
        "n".repeat(40),
        true,
        true,
        new PromotionCard.RollbackOffer(TAG, "e".repeat(40)),
        "e".repeat(40),
        LONG,
        NOW);
  }

  /** A pending row offering every button, with a long link. */
  static HomeBoard.Pending pending(Promotion p, int have, int need) {
    List<Approval> given = new ArrayList<>();
    for (int i = 0; i < have; i++) {
      given.add(new Approval(p.id(), "U" + i, NOW));
    }
    var status =
        new PromotionStatus(
            p,
            new ApprovalStatus(have, need, given, approvers(), true),
            null,
            null,
            true,
            null,
            false);
    return new HomeBoard.Pending(
        status,
        EnumSet.of(Offer.APPROVE, Offer.REJECT, Offer.WITHDRAW),
        "https://slack.com/archives/C1/p" + "1".repeat(200));
  }

  static Stream<Arguments> everyPromotion() {
    List<Arguments> out = new ArrayList<>();
    for (PromotionState s : PromotionState.values()) {
      for (PromotionKind k : EnumSet.allOf(PromotionKind.class)) {
        out.add(Arguments.of(s, k));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("everyPromotion")
  void promotionRepliesFit(PromotionState state, PromotionKind kind) {
    Rendered r = PromotionMessage.build(card(state, kind));
    assertThat(BlockKitLimits.check(r.blocksJson(), 50)).isEmpty();
    assertThat(r.text().length()).isLessThanOrEqualTo(4000);
  }

  @Test
  void releaseRootFits() {
    List<ReleaseCard.Mark> marks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      marks.add(
          new ReleaseCard.Mark("environment-" + "x".repeat(28) + i, ReleaseCard.Status.REPLACED));
    }
    Rendered r = ReleaseMessage.build(new ReleaseCard(release(), marks));
    assertThat(BlockKitLimits.check(r.blocksJson(), 50)).isEmpty();
    assertThat(r.blocksJson()).contains("sha256:" + "f".repeat(64));
  }

  @Test
  void theHomeBoardStaysWithin100BlocksWithManyAppsAndApprovals() {
    List<PipelineQueries.AppState> apps = new ArrayList<>();
    for (int a = 0; a < 60; a++) {
      List<PipelineQueries.EnvironmentState> envs = new ArrayList<>();
      for (int e = 0; e < 5; e++) {
        envs.add(
            new PipelineQueries.EnvironmentState(
                "env-" + "x".repeat(30) + e,
                aDeployment()
                    .withId("d")
                    .ofApp(APP + a)
                    .in("env" + e)
                    .release(TAG, digests())
                    .kind(DeploymentKind.PROMOTION)
                    .byPromotion("p")
                    .by("U1")
                    .completedAt(NOW)
                    .build(),
                Duration.ofHours(3),
                new Freeze("env" + e, "U1", LONG, NOW, null),
                List.of(promotion(PromotionState.PENDING_APPROVAL, PromotionKind.PROMOTION)),
                1));
      }
      apps.add(new PipelineQueries.AppState(APP + a, NOW, envs));
    }
    List<HomeBoard.Pending> pending = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      pending.add(
          pending(promotion(PromotionState.PENDING_APPROVAL, PromotionKind.PROMOTION), 1, 3));
    }
    var blocks = HomeView.blocks(new HomeBoard(apps, pending, List.of("test", "prod"), LONG, NOW));
    String json = GsonFactory.createSnakeCase().toJson(blocks);
    // Block ids of the pending rows repeat here only because the test reuses one promotion.
    List<String> problems = BlockKitLimits.check(json, 100);
    assertThat(problems).allMatch(p -> p.startsWith("block_id home:"));
    assertThat(json).contains("more apps").contains("more waiting");
  }

  @Test
  void aSmallHomeBoardShowsEverything() {
    var blocks =
        HomeView.blocks(
            new HomeBoard(
                List.of(new PipelineQueries.AppState("credreg", NOW, List.of())),
                List.of(
                    pending(
                        promotion(PromotionState.PENDING_APPROVAL, PromotionKind.PROMOTION), 0, 2)),
                List.of("test", "prod"),
                null,
                NOW));
    String json = GsonFactory.createSnakeCase().toJson(blocks);
    assertThat(BlockKitLimits.check(json, 100)).isEmpty();
    assertThat(json).doesNotContain("more apps").contains("baton_approve").contains("baton_reject");
  }

  @Test
  void aLongAuditPageFits() {
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      events.add(
          new AuditEvent(
              i,
              NOW,
              "U0123456789",
              "promotion.requested",
              APP,
              "production",
              TAG,
              "p",
              LONG,
              "0",
              "0"));
    }
    Rendered r =
        AuditMessage.build(
            events, "app " + APP + ", since 7d", true, "/api/v1/audit?" + "x".repeat(3000));
    assertThat(BlockKitLimits.check(r.blocksJson(), 50)).isEmpty();
    assertThat(r.blocksJson()).contains("more");
  }
}
