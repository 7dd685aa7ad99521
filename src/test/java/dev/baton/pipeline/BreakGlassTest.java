package dev.baton.pipeline;

import static dev.baton.fakes.Fixtures.ADMIN;
import static dev.baton.fakes.Fixtures.APPROVER_1;
import static dev.baton.fakes.Fixtures.APPROVER_2;
import static dev.baton.fakes.Fixtures.DEPLOYER;
import static dev.baton.fakes.Fixtures.GROUP_MEMBER;
import static dev.baton.fakes.Fixtures.GROUP_SRE;
import static dev.baton.fakes.Fixtures.OUTSIDER;
import static dev.baton.fakes.Fixtures.REQUESTER;
import static dev.baton.testing.Recorded.currentTag;
import static dev.baton.testing.Recorded.promotion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.BreakGlass;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.PipelineEvent.BreakGlassAct;
import dev.baton.testing.TestWorld;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Break-glass: who may ask for one and approve it, what it overrides (freezes, windows, blackouts,
 * bake time) and what it never does (staleness, digests that already run, downgrades). Prod takes
 * one break-glass approval from {@code UAPPROVER1} or the SRE group; the requester is a regular
 * prod approver, which never lets them approve their own break-glass. The clock starts on Sunday.
 */
class BreakGlassTest {
  static final BreakGlass WHY = BreakGlass.of("INC-77 logins fail, fix in b1", null);

  /** What stands in the way of an ordinary promotion into prod, which break-glass overrides. */
  enum Obstacle {
    FREEZE("prod is frozen by"),
    WINDOW("outside prod's deployment window"),
    BLACKOUT("prod is in a blackout"),
    BAKE("has baked");

    final String overrideSays;

    Obstacle(String overrideSays) {
      this.overrideSays = overrideSays;
    }

    TestWorld world() {
      TestWorld w = TestWorld.credreg().breakGlass("prod", 1, APPROVER_1, GROUP_SRE);
      return switch (this) {
        case FREEZE -> w.prodBake(Duration.ZERO);
        case WINDOW ->
            w.prodBake(Duration.ZERO).window("prod", "MON-FRI", "09:00", "16:00", "Europe/Berlin");
        case BLACKOUT ->
            w.prodBake(Duration.ZERO)
                .blackout("prod", "2026-11-20T00:00", "2026-12-01T00:00", "UTC", "holiday freeze");
        case BAKE -> w;
      };
    }

    /** A pipeline where b1 runs in sandbox and this obstacle holds prod. */
    TestPipeline withB1InSandbox() {
      TestPipeline t = new TestPipeline(world().pipeline(), new InMemoryPipelineStore());
      DeploymentWindowFlowTest.inSandbox(t, 1);
      if (this == FREEZE) {
        t.core().freezes().freeze("prod", null, "incident", ADMIN);
      }
      return t;
    }
  }

  /** Who clicks Approve on a break-glass promotion requested by {@code UREQUESTER}. */
  enum Approver {
    REQUESTER_THEMSELVES(REQUESTER, false),
    LISTED_APPROVER(APPROVER_1, true),
    ORDINARY_APPROVER_NOT_LISTED(APPROVER_2, false),
    UNLISTED_USER(OUTSIDER, false),
    MEMBER_OF_A_LISTED_GROUP(GROUP_MEMBER, true);

    final String user;
    final boolean mayApprove;

    Approver(String user, boolean mayApprove) {
      this.user = user;
      this.mayApprove = mayApprove;
    }
  }

  static Stream<Arguments> approversTimesObstacles() {
    return Arrays.stream(Approver.values())
        .flatMap(a -> Arrays.stream(Obstacle.values()).map(o -> Arguments.of(a, o)));
  }

  @ParameterizedTest(name = "{0} approving past {1}")
  @MethodSource("approversTimesObstacles")
  void onlyAListedApproverOtherThanTheRequesterLetsItStartPastTheObstacle(
      Approver approver, Obstacle obstacle) {
    TestPipeline t = obstacle.withB1InSandbox();
    Promotion p = requestBreakGlass(t, REQUESTER);
    assertThat(p.state()).isEqualTo(PromotionState.PENDING_APPROVAL);

    if (approver.mayApprove) {
      t.core().promotions().approve(p.id(), approver.user);
      assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
      assertThat(currentTag(t.store, "prod")).isEqualTo(p.releaseTag());
      AuditEvent override = audit(t, BreakGlassRecords.OVERRIDE).get(0);
      assertThat(override.detail()).contains(WHY.reason()).contains(obstacle.overrideSays);
    } else {
      Refusal refused =
          catchThrowableOfType(
              () -> t.core().promotions().approve(p.id(), approver.user), Refusal.class);
      assertThat(refused.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
      assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.PENDING_APPROVAL);
      assertThat(currentTag(t.store, "prod")).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Obstacle.class)
  void anOrdinaryPromotionIsHeldWhereABreakGlassOneStarts(Obstacle obstacle) {
    TestPipeline t = obstacle.withB1InSandbox();
    if (obstacle == Obstacle.FREEZE) {
      Refusal refused =
          catchThrowableOfType(
              () -> t.core().promotions().request("credreg", "prod", null, REQUESTER),
              Refusal.class);
      assertThat(refused.kind()).isEqualTo(Refusal.Kind.NOT_NOW);
    } else {
      Promotion ordinary =
          t.core().promotions().request("credreg", "prod", null, REQUESTER).promotion();
      t.core().promotions().approve(ordinary.id(), APPROVER_1);
      t.core().promotions().approve(ordinary.id(), APPROVER_2);
      assertThat(promotion(t.store, ordinary.id()).state()).isEqualTo(PromotionState.APPROVED);
      assertThat(currentTag(t.store, "prod")).isNull();
    }

    Promotion bg = requestBreakGlass(t, REQUESTER); // supersedes the held one
    t.core().promotions().approve(bg.id(), GROUP_MEMBER);

    assertThat(promotion(t.store, bg.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(
            t.store.<List<Promotion>>read(
                r ->
                    r.promotionsIn(
                        java.util.EnumSet.of(
                            PromotionState.APPROVED, PromotionState.PENDING_APPROVAL))))
        .isEmpty();
  }

  @Test
  void onlyDeployersOfAnEnvironmentWithBreakGlassApproversMayAskForIt() {
    TestPipeline t = Obstacle.BAKE.withB1InSandbox();
    Refusal outsider = catchThrowableOfType(() -> requestBreakGlass(t, OUTSIDER), Refusal.class);
    assertThat(outsider.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
    assertThat(requestBreakGlass(t, DEPLOYER).breaksGlass()).isTrue();

    TestPipeline none =
        new TestPipeline(TestWorld.credreg().pipeline(), new InMemoryPipelineStore());
    DeploymentWindowFlowTest.inSandbox(none, 1);
    Refusal notConfigured =
        catchThrowableOfType(() -> requestBreakGlass(none, DEPLOYER), Refusal.class);
    assertThat(notConfigured.getMessage()).contains("prod has no break-glass approvers");
  }

  @Test
  void requestApprovalAndOverrideAreAuditedWithTheReasonAndToldToChat() {
    TestPipeline t = Obstacle.BAKE.withB1InSandbox();
    Promotion p = requestBreakGlass(t, REQUESTER);
    t.core().promotions().approve(p.id(), APPROVER_1);

    assertThat(audit(t, BreakGlassRecords.REQUESTED))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).isEqualTo(REQUESTER);
              assertThat(e.detail()).contains(WHY.reason()).contains("1 break-glass approval");
            });
    assertThat(audit(t, BreakGlassRecords.APPROVAL))
        .singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo(APPROVER_1));
    assertThat(audit(t, BreakGlassRecords.OVERRIDE))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.detail())
                    .contains("overrides: ")
                    .contains("has baked 0s of 1d 0h in sandbox"));
    assertThat(
            t.chat.events().stream()
                .filter(PipelineEvent.BreakGlassUsed.class::isInstance)
                .map(e -> ((PipelineEvent.BreakGlassUsed) e).act()))
        .containsExactly(BreakGlassAct.REQUESTED, BreakGlassAct.APPROVED, BreakGlassAct.OVERRIDE);
    assertThat(promotion(t.store, p.id()).breakGlass()).isEqualTo(WHY);
    assertThat(WHY.ticket()).isEqualTo("INC-77");
  }

  @Test
  void aBreakGlassThatOverridesNothingAuditsNoOverride() {
    TestPipeline t =
        new TestPipeline(
            Obstacle.BAKE.world().prodBake(Duration.ZERO).pipeline(), new InMemoryPipelineStore());
    DeploymentWindowFlowTest.inSandbox(t, 1);
    Promotion p = requestBreakGlass(t, REQUESTER);
    t.core().promotions().approve(p.id(), APPROVER_1);
    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(audit(t, BreakGlassRecords.OVERRIDE)).isEmpty();
  }

  // ---- never overridden ----

  @Test
  void aStaleSourceStillCancelsIt() {
    TestPipeline t = Obstacle.BAKE.withB1InSandbox();
    Promotion p = requestBreakGlass(t, REQUESTER);
    t.cluster.setByHand("sandbox", "main-app", "credreg/main-app@sha256:" + "e".repeat(64), true);

    t.core().promotions().approve(p.id(), APPROVER_1);

    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.CANCELLED);
    assertThat(promotion(t.store, p.id()).reason()).contains("sandbox");
    assertThat(currentTag(t.store, "prod")).isNull();
    assertThat(audit(t, BreakGlassRecords.OVERRIDE)).isEmpty();
  }

  @Test
  void aSourceThatMovedOnStillCancelsItBeforeApproval() {
    TestPipeline t = Obstacle.BAKE.withB1InSandbox();
    Promotion p = requestBreakGlass(t, REQUESTER);
    DeploymentWindowFlowTest.inSandbox(t, 2);

    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.CANCELLED);
    assertThat(currentTag(t.store, "prod")).isNull();
  }

  @Test
  void digestsThatAlreadyRunThereAreStillRefused() {
    TestPipeline t = Obstacle.BAKE.withB1InSandbox();
    t.core().promotions().approve(requestBreakGlass(t, REQUESTER).id(), APPROVER_1);

    Refusal refused = catchThrowableOfType(() -> requestBreakGlass(t, DEPLOYER), Refusal.class);

    assertThat(refused.kind()).isEqualTo(Refusal.Kind.CONFLICT);
    assertThat(refused.getMessage()).contains("prod already runs");
  }

  @Test
  void aDowngradeIsStillRefused() {
    TestPipeline t = Obstacle.BAKE.withB1InSandbox();
    String b1 = currentTag(t.store, "sandbox");
    t.core().promotions().approve(requestBreakGlass(t, REQUESTER).id(), APPROVER_1);
    DeploymentWindowFlowTest.inSandbox(t, 2);
    t.core().promotions().approve(requestBreakGlass(t, REQUESTER).id(), APPROVER_1);
    t.core().rollbacks().rollback("sandbox", "credreg", b1, DEPLOYER);

    Refusal refused = catchThrowableOfType(() -> requestBreakGlass(t, DEPLOYER), Refusal.class);

    assertThat(refused.getMessage()).contains(b1 + " is older than what runs in prod");
    assertThat(currentTag(t.store, "prod")).isNotEqualTo(b1);
  }

  private static Promotion requestBreakGlass(TestPipeline t, String who) {
    return t.core().promotions().request("credreg", "prod", null, who, WHY).promotion();
  }

  private static List<AuditEvent> audit(TestPipeline t, String action) {
    return t.store.audit(new AuditQuery(null, null, null, null, null, null, null, 500)).stream()
        .filter(e -> e.action().equals(action))
        .toList();
  }
}
