package dev.baton.pipeline.view;

import static dev.baton.fakes.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.ApprovalOutcome;
import dev.baton.pipeline.StaleReasons;
import dev.baton.pipeline.model.Approval;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.AuditQuery;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which actions the core offers whom, on the fakes: prod needs 2 approvals from approvers 1–3, the
 * requester and the release group; the deployer requests.
 */
class PromotionViewsTest {
  TestPipeline t;
  String prodId;

  @BeforeEach
  void carryToSandboxAndRequestProd() {
    t = new TestPipeline(Fixtures.credreg(), new InMemoryPipelineStore());
    t.registerBuild(1);
    t.clock.advance(Duration.ofMinutes(30));
    t.core().promotions().request("credreg", "sandbox", null, DEPLOYER);
    prodId = t.core().promotions().request("credreg", "prod", null, DEPLOYER).promotion().id();
  }

  static Stream<Arguments> pending() {
    return Stream.of(
        Arguments.of("an approver", APPROVER_2, EnumSet.of(Offer.APPROVE, Offer.REJECT)),
        Arguments.of(
            "a member of the group", GROUP_MEMBER, EnumSet.of(Offer.APPROVE, Offer.REJECT)),
        Arguments.of(
            "the requester withdraws, never approves", DEPLOYER, EnumSet.of(Offer.WITHDRAW)),
        Arguments.of("who already approved may still reject", APPROVER_1, EnumSet.of(Offer.REJECT)),
        Arguments.of("an admin is no approver", ADMIN, EnumSet.noneOf(Offer.class)),
        Arguments.of("no rights at all", OUTSIDER, EnumSet.noneOf(Offer.class)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pending")
  void offersWhileWaitingForApproval(String name, String user, Set<Offer> expected) {
    t.core().promotions().approve(prodId, APPROVER_1);
    PromotionStatus s = t.core().views().promotion(prodId).orElseThrow();
    assertThat(t.core().views().offers(s, user)).isEqualTo(expected);
    assertThat(s.approvals().eligible().users())
        .as("neither the requester nor who approved is asked")
        .containsExactlyInAnyOrder(APPROVER_2, APPROVER_3, REQUESTER);
  }

  @Test
  void onceApprovedNobodyIsOfferedApproveAndTheRequesterMayStillWithdraw() {
    t.core().promotions().approve(prodId, APPROVER_1);
    t.core().promotions().approve(prodId, APPROVER_2);
    PromotionStatus s = t.core().views().promotion(prodId).orElseThrow();
    assertThat(s.promotion().state()).isEqualTo(PromotionState.APPROVED);
    assertThat(t.core().views().offers(s, APPROVER_3)).containsExactly(Offer.REJECT);
    assertThat(t.core().views().offers(s, DEPLOYER)).containsExactly(Offer.WITHDRAW);
    assertThat(s.bake().left()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void theCurrentDeploymentOffersPromotionToWhoMayDeployThere() {
    String sandboxId =
        t.store.read(r -> r.currentDeployment("credreg", "sandbox")).orElseThrow().promotionId();
    PromotionStatus s = t.core().views().promotion(sandboxId).orElseThrow();
    assertThat(s.current()).isTrue();
    assertThat(s.nextEnv()).isEqualTo("prod");
    assertThat(t.core().views().offers(s, DEPLOYER)).containsExactly(Offer.PROMOTE_NEXT);
    assertThat(t.core().views().offers(s, OUTSIDER)).isEmpty();
  }

  @Test
  void anApprovalAfterTheDeadlineIsBatonsExpiryNotTheClickers() {
    t.clock.advance(Duration.ofHours(25));
    ApprovalOutcome outcome = t.core().promotions().approve(prodId, APPROVER_1);
    assertThat(outcome).isInstanceOf(ApprovalOutcome.Expired.class);
    assertThat(outcome.promotion().state()).isEqualTo(PromotionState.EXPIRED);
    AuditEvent expired =
        t.store.audit(new AuditQuery(null, null, null, null, null, null, null, 50)).stream()
            .filter(e -> e.action().equals("promotion.expired"))
            .findFirst()
            .orElseThrow();
    assertThat(expired.actor()).isEqualTo("baton");
    assertThat(expired.detail()).isEqualTo("not approved within 1d 0h");
    List<Approval> approvals = t.store.read(r -> r.approvals(prodId));
    assertThat(approvals).isEmpty();
  }

  @Test
  void aStaleReasonNamesBothReleasesAndTheirDigestsAlike() {
    t.registerBuild(2);
    t.clock.advance(Duration.ofMinutes(30));
    t.core().promotions().request("credreg", "sandbox", null, DEPLOYER);
    Promotion p = t.store.read(r -> r.promotion(prodId)).orElseThrow();
    String reason =
        StaleReasons.sourceMoved(p, t.store.read(r -> r.currentDeployment("credreg", "sandbox")));
    assertThat(reason)
        .isEqualTo(
            "stale: sandbox runs "
                + tag(2)
                + " (main-app sha256:"
                + digest("main-2").substring(7, 19)
                + ", worker-app sha256:"
                + digest("worker-2").substring(7, 19)
                + "), not "
                + tag(1)
                + " (main-app sha256:"
                + digest("main-1").substring(7, 19)
                + ", worker-app sha256:"
                + digest("worker-1").substring(7, 19)
                + ") as recorded");
  }
}
