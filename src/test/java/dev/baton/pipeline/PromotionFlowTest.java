package dev.baton.pipeline;

import static dev.baton.fakes.Fixtures.*;
import static dev.baton.testing.Recorded.currentTag;
import static dev.baton.testing.Recorded.latestPromotion;
import static dev.baton.testing.Recorded.promotion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.DeploymentKind;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.pipeline.port.PipelineEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Build → test → sandbox → prod (two approvals, bake) → rollback, through the services only. */
class PromotionFlowTest {
  TestPipeline t = new TestPipeline(Fixtures.credreg(), new InMemoryPipelineStore());

  /** Registers build 1 (test deploys it) and makes the next rollout of main-app in test fail. */
  private String build1ThenTheNextRolloutInTestFails() {
    String b1 = t.registerBuild(1);
    t.faults.inject("cluster.awaitRollout test main-app", Faults.Action.TERMINAL, 1);
    return b1;
  }

  @Test
  void aReleaseTravelsTheChainAndIsRolledBack() {
    PipelineCore core = t.core();
    String b1 = t.registerBuild(1);
    assertThat(currentTag(t.store, "test")).isEqualTo(b1);
    assertThat(t.registry.tagged("default", "credreg/main-app", "latest"))
        .contains(Fixtures.digest("main-1"));

    Promotion toSandbox =
        core.promotions().request("credreg", "sandbox", null, REQUESTER).promotion();
    assertThat(toSandbox.state()).isEqualTo(PromotionState.APPROVED);
    assertThat(currentTag(t.store, "sandbox"))
        .as("30 minutes of bake in test are required")
        .isNull();
    t.clock.advance(Duration.ofMinutes(30));
    core.sweeper().sweep();
    assertThat(currentTag(t.store, "sandbox")).isEqualTo(b1);

    Promotion toProd = core.promotions().request("credreg", "prod", null, REQUESTER).promotion();
    assertThat(toProd.state()).isEqualTo(PromotionState.PENDING_APPROVAL);
    Promotion again = core.promotions().request("credreg", "prod", null, REQUESTER).promotion();
    assertThat(again.id()).as("a second request returns the open one").isEqualTo(toProd.id());
    assertThat(
            t.chat.events().stream()
                .filter(
                    e ->
                        e instanceof PipelineEvent.PromotionChanged c
                            && c.promotion().id().equals(toProd.id())
                            && c.message().equals("requested")))
        .as("people are told about the request once")
        .hasSize(1);
    assertThat(toProd.digests()).containsEntry("main-app", Fixtures.digest("main-1"));
    assertThatThrownBy(() -> core.promotions().approve(toProd.id(), REQUESTER))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("you requested this promotion");
    assertThatThrownBy(() -> core.promotions().approve(toProd.id(), OUTSIDER))
        .hasMessageContaining("only approvers of prod");
    core.promotions().approve(toProd.id(), APPROVER_1);
    assertThatThrownBy(() -> core.promotions().approve(toProd.id(), APPROVER_1))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("already approved");
    Promotion approved = core.promotions().approve(toProd.id(), GROUP_MEMBER).promotion();
    assertThat(approved.state()).isEqualTo(PromotionState.APPROVED);
    assertThat(currentTag(t.store, "prod")).as("24 h of bake in sandbox are required").isNull();
    t.clock.advance(Duration.ofHours(23));
    core.sweeper().sweep();
    assertThat(currentTag(t.store, "prod")).isNull();
    t.clock.advance(Duration.ofHours(1));
    core.sweeper().sweep();
    assertThat(currentTag(t.store, "prod")).isEqualTo(b1);
    assertThat(t.registry.tagged("default", "credreg/worker-app", "prod"))
        .contains(Fixtures.digest("worker-1"));
    assertThat(t.cluster.migrationJobs()).hasSize(3);

    String b2 = t.registerBuild(2);
    t.clock.advance(Duration.ofMinutes(30));
    core.promotions().request("credreg", "sandbox", null, DEPLOYER);
    t.clock.advance(Duration.ofHours(24));
    Promotion second = core.promotions().request("credreg", "prod", null, DEPLOYER).promotion();
    core.promotions().approve(second.id(), APPROVER_1);
    core.promotions().approve(second.id(), APPROVER_2);
    assertThat(currentTag(t.store, "prod")).isEqualTo(b2);
    assertThat(t.cluster.imageOf("prod", "main-app"))
        .isEqualTo("credreg/main-app@" + Fixtures.digest("main-2"));

    assertThat(t.cluster.migrationJobs())
        .as("one migration per deployment of a new release")
        .hasSize(6);
    Promotion rollback = core.rollbacks().rollback("prod", null, null, DEPLOYER);
    assertThat(promotion(t.store, rollback.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(currentTag(t.store, "prod")).isEqualTo(b1);
    assertThat(t.store.read(r -> r.currentDeployment("credreg", "prod")).orElseThrow().kind())
        .isEqualTo(DeploymentKind.ROLLBACK);
    assertThat(t.cluster.imageOf("prod", "main-app"))
        .isEqualTo("credreg/main-app@" + Fixtures.digest("main-1"));
    assertThat(t.registry.tagged("default", "credreg/main-app", "prod"))
        .contains(Fixtures.digest("main-1"));
    assertThat(t.cluster.migrationJobs()).as("rollbacks run no migration").hasSize(6);
    Optional<Freeze> freeze = t.store.read(r -> r.freeze("prod"));
    assertThat(freeze).as("frozen after rollback").isPresent();

    assertThatThrownBy(() -> core.promotions().request("credreg", "prod", null, DEPLOYER))
        .hasMessageContaining("prod is frozen");
    assertThatThrownBy(() -> core.freezes().unfreeze("prod", DEPLOYER))
        .hasMessageContaining("only admins");
    core.freezes().unfreeze("prod", ADMIN);

    assertThat(core.queries().verifyAuditChain().valid()).isTrue();
    List<AuditEvent> denials =
        t.store.audit(new AuditQuery(null, null, null, REQUESTER, null, null, null, 100));
    assertThat(denials).extracting(AuditEvent::action).contains("denied.approve");
  }

  @Test
  void afterAFailedRolloutThatWasNotRolledBackARollbackRestoresTheReleaseTheInventoryNames() {
    t = new TestPipeline(Fixtures.credreg(false), new InMemoryPipelineStore());
    PipelineCore core = t.core();
    String b1 = build1ThenTheNextRolloutInTestFails();
    String b2 = t.registerBuild(2);
    Promotion failed = latestPromotion(t.store);
    assertThat(failed.state()).isEqualTo(PromotionState.FAILED);
    assertThat(currentTag(t.store, "test"))
        .as("the inventory names what last ran in full")
        .isEqualTo(b1);
    assertThat(t.cluster.imageOf("test", "main-app"))
        .as("but the cluster runs part of the failed release")
        .isEqualTo("credreg/main-app@" + Fixtures.digest("main-2"));

    Promotion rollback = core.rollbacks().rollback("test", null, null, DEPLOYER);
    assertThat(rollback.releaseTag()).as("not the release before " + b1).isEqualTo(b1);
    assertThat(promotion(t.store, rollback.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(t.cluster.imageOf("test", "main-app"))
        .isEqualTo("credreg/main-app@" + Fixtures.digest("main-1"));
    assertThat(currentTag(t.store, "test")).isEqualTo(b1);
    assertThatThrownBy(() -> core.rollbacks().rollback("test", null, b1, DEPLOYER))
        .as("settled again: the release that runs cannot be rolled back to")
        .hasMessageContaining("already runs " + b1);
    assertThat(b2).isNotEqualTo(b1);
  }

  @Test
  void aFailureBeforeTheClusterWasTouchedLeavesTheUsualRollbackTarget() {
    t = new TestPipeline(Fixtures.credreg(false), new InMemoryPipelineStore());
    PipelineCore core = t.core();
    String b1 = t.registerBuild(1);
    String b2 = t.registerBuild(2);
    t.faults.inject("cluster.runMigration test", Faults.Action.TERMINAL, 1);
    t.registerBuild(3);
    assertThat(latestPromotion(t.store).state()).isEqualTo(PromotionState.FAILED);
    assertThat(currentTag(t.store, "test")).isEqualTo(b2);
    assertThat(core.rollbacks().rollback("test", null, null, DEPLOYER).releaseTag()).isEqualTo(b1);
  }

  @Test
  void anAutoRollbackWaitsForAClusterThatDoesNotAnswerInsteadOfGivingUp() {
    PipelineCore core = t.core();
    String b1 = build1ThenTheNextRolloutInTestFails();
    t.faults.inject("cluster.awaitRollout test main-app", Faults.Action.RETRYABLE, 7);
    t.registerBuild(2);
    Promotion waiting = latestPromotion(t.store);
    assertThat(waiting.state())
        .as("three failed tries do not close it: the cluster still asks for the failed release")
        .isEqualTo(PromotionState.RUNNING);
    assertThat(waiting.step()).isEqualTo(Step.ROLLBACK_AWAIT_ROLLOUT);
    int sweeps = 0;
    while (promotion(t.store, waiting.id()).state() == PromotionState.RUNNING && sweeps++ < 10) {
      core.sweeper().sweep();
    }
    Promotion done = promotion(t.store, waiting.id());
    assertThat(done.state()).isEqualTo(PromotionState.ROLLED_BACK);
    assertThat(currentTag(t.store, "test")).isEqualTo(b1);
    assertThat(t.cluster.imageOf("test", "main-app"))
        .isEqualTo("credreg/main-app@" + Fixtures.digest("main-1"));
    assertThat(t.store.audit(new AuditQuery(null, null, null, null, null, null, null, 200)))
        .extracting(AuditEvent::detail)
        .anyMatch(d -> d != null && d.contains("waiting for it to answer"));
  }

  @Test
  void aFailedRolloutRollsBackAutomaticallyAndLeavesTheInventory() {
    PipelineCore core = t.core();
    String b1 = build1ThenTheNextRolloutInTestFails();
    t.registerBuild(2);
    assertThat(currentTag(t.store, "test")).isEqualTo(b1);
    Promotion p = latestPromotion(t.store);
    assertThat(p.state()).isEqualTo(PromotionState.ROLLED_BACK);
    assertThat(p.reason()).contains("await rollout failed");
    assertThat(t.cluster.imageOf("test", "main-app"))
        .isEqualTo("credreg/main-app@" + Fixtures.digest("main-1"));
    assertThat(t.registry.tagged("default", "credreg/main-app", "latest"))
        .contains(Fixtures.digest("main-1"));
  }

  @Test
  void aStaleRequestIsCancelledWhenTheSourceMovesOn() {
    PipelineCore core = t.core();
    t.registerBuild(1);
    t.clock.advance(Duration.ofHours(1));
    core.promotions().request("credreg", "sandbox", null, DEPLOYER);
    t.clock.advance(Duration.ofHours(25));
    Promotion toProd = core.promotions().request("credreg", "prod", null, DEPLOYER).promotion();
    t.registerBuild(2);
    t.clock.advance(Duration.ofHours(1));
    core.promotions().request("credreg", "sandbox", null, DEPLOYER);
    Promotion after = promotion(t.store, toProd.id());
    assertThat(after.state()).isEqualTo(PromotionState.CANCELLED);
    assertThat(after.reason()).contains("stale");
    assertThatThrownBy(() -> core.promotions().approve(toProd.id(), APPROVER_1))
        .hasMessageContaining("already ended");
  }

  @Test
  void driftInTheSourceIsRefusedWithWhatRunsAndWhatWasExpected() {
    PipelineCore core = t.core();
    t.registerBuild(1);
    t.cluster.setByHand("test", "main-app", "credreg/main-app:latest", true);
    assertThatThrownBy(() -> core.promotions().request("credreg", "sandbox", null, DEPLOYER))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("test runs credreg/main-app:latest")
        .hasMessageContaining("expected " + Fixtures.tag(1));
  }
}
