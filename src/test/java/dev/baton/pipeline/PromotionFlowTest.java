package dev.baton.pipeline;

import static dev.baton.fakes.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.DeploymentKind;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.AuditQuery;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Build → test → sandbox → prod (two approvals, bake) → rollback, through the services only. */
class PromotionFlowTest {
  TestPipeline t;

  @BeforeEach
  void setUp() {
    t = new TestPipeline(Fixtures.credreg(), new InMemoryPipelineStore());
  }

  String current(String env) {
    return t.store
        .read(r -> r.currentDeployment("credreg", env))
        .map(Deployment::releaseTag)
        .orElse(null);
  }

  @Test
  void aReleaseTravelsTheChainAndIsRolledBack() {
    PipelineCore core = t.core();
    String b1 = t.registerBuild(1);
    assertThat(current("test")).isEqualTo(b1);
    assertThat(t.registry.tagged("default", "credreg/main-app", "latest"))
        .contains(Fixtures.digest("main-1"));

    Promotion toSandbox =
        core.promotions().request("credreg", "sandbox", null, REQUESTER).promotion();
    assertThat(toSandbox.state()).isEqualTo(PromotionState.APPROVED);
    assertThat(current("sandbox")).as("30 minutes of bake in test are required").isNull();
    t.clock.advance(Duration.ofMinutes(30));
    core.sweeper().sweep();
    assertThat(current("sandbox")).isEqualTo(b1);

    Promotion toProd = core.promotions().request("credreg", "prod", null, REQUESTER).promotion();
    assertThat(toProd.state()).isEqualTo(PromotionState.PENDING_APPROVAL);
    Promotion again = core.promotions().request("credreg", "prod", null, REQUESTER).promotion();
    assertThat(again.id()).as("a second request returns the open one").isEqualTo(toProd.id());
    assertThat(
            t.chat.events().stream()
                .filter(
                    e ->
                        e instanceof dev.baton.pipeline.port.PipelineEvent.PromotionChanged c
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
    assertThat(current("prod")).as("24 h of bake in sandbox are required").isNull();
    t.clock.advance(Duration.ofHours(23));
    core.sweeper().sweep();
    assertThat(current("prod")).isNull();
    t.clock.advance(Duration.ofHours(1));
    core.sweeper().sweep();
    assertThat(current("prod")).isEqualTo(b1);
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
    assertThat(current("prod")).isEqualTo(b2);
    assertThat(t.cluster.imageOf("prod", "main-app"))
        .isEqualTo("credreg/main-app@" + Fixtures.digest("main-2"));

    assertThat(t.cluster.migrationJobs())
        .as("one migration per deployment of a new release")
        .hasSize(6);
    Promotion rollback = core.rollbacks().rollback("prod", null, null, DEPLOYER);
    assertThat(t.store.read(r -> r.promotion(rollback.id())).orElseThrow().state())
        .isEqualTo(PromotionState.SUCCEEDED);
    assertThat(current("prod")).isEqualTo(b1);
    assertThat(t.store.read(r -> r.currentDeployment("credreg", "prod")).orElseThrow().kind())
        .isEqualTo(DeploymentKind.ROLLBACK);
    assertThat(t.cluster.imageOf("prod", "main-app"))
        .isEqualTo("credreg/main-app@" + Fixtures.digest("main-1"));
    assertThat(t.registry.tagged("default", "credreg/main-app", "prod"))
        .contains(Fixtures.digest("main-1"));
    assertThat(t.cluster.migrationJobs()).as("rollbacks run no migration").hasSize(6);
    java.util.Optional<dev.baton.pipeline.model.Freeze> freeze =
        t.store.read(r -> r.freeze("prod"));
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
    String b1 = t.registerBuild(1);
    t.faults.inject(
        "cluster.awaitRollout test main-app", dev.baton.fakes.Faults.Action.TERMINAL, 1);
    String b2 = t.registerBuild(2);
    Promotion failed = t.store.read(r -> r.recentPromotions("credreg", 1)).get(0);
    assertThat(failed.state()).isEqualTo(PromotionState.FAILED);
    assertThat(current("test")).as("the inventory names what last ran in full").isEqualTo(b1);
    assertThat(t.cluster.imageOf("test", "main-app"))
        .as("but the cluster runs part of the failed release")
        .isEqualTo("credreg/main-app@" + Fixtures.digest("main-2"));

    Promotion rollback = core.rollbacks().rollback("test", null, null, DEPLOYER);
    assertThat(rollback.releaseTag()).as("not the release before " + b1).isEqualTo(b1);
    assertThat(t.store.read(r -> r.promotion(rollback.id())).orElseThrow().state())
        .isEqualTo(PromotionState.SUCCEEDED);
    assertThat(t.cluster.imageOf("test", "main-app"))
        .isEqualTo("credreg/main-app@" + Fixtures.digest("main-1"));
    assertThat(current("test")).isEqualTo(b1);
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
    t.faults.inject("cluster.runMigration test", dev.baton.fakes.Faults.Action.TERMINAL, 1);
    t.registerBuild(3);
    assertThat(t.store.read(r -> r.recentPromotions("credreg", 1)).get(0).state())
        .isEqualTo(PromotionState.FAILED);
    assertThat(current("test")).isEqualTo(b2);
    assertThat(core.rollbacks().rollback("test", null, null, DEPLOYER).releaseTag()).isEqualTo(b1);
  }

  @Test
  void anAutoRollbackWaitsForAClusterThatDoesNotAnswerInsteadOfGivingUp() {
    PipelineCore core = t.core();
    String b1 = t.registerBuild(1);
    t.faults.inject(
        "cluster.awaitRollout test main-app", dev.baton.fakes.Faults.Action.TERMINAL, 1);
    t.faults.inject(
        "cluster.awaitRollout test main-app", dev.baton.fakes.Faults.Action.RETRYABLE, 7);
    t.registerBuild(2);
    Promotion waiting = t.store.read(r -> r.recentPromotions("credreg", 1)).get(0);
    assertThat(waiting.state())
        .as("three failed tries do not close it: the cluster still asks for the failed release")
        .isEqualTo(PromotionState.RUNNING);
    assertThat(waiting.step()).isEqualTo(dev.baton.pipeline.model.Step.ROLLBACK_AWAIT_ROLLOUT);
    int sweeps = 0;
    while (t.store.read(r -> r.promotion(waiting.id())).orElseThrow().state()
            == PromotionState.RUNNING
        && sweeps++ < 10) {
      core.sweeper().sweep();
    }
    Promotion done = t.store.read(r -> r.promotion(waiting.id())).orElseThrow();
    assertThat(done.state()).isEqualTo(PromotionState.ROLLED_BACK);
    assertThat(current("test")).isEqualTo(b1);
    assertThat(t.cluster.imageOf("test", "main-app"))
        .isEqualTo("credreg/main-app@" + Fixtures.digest("main-1"));
    assertThat(t.store.audit(new AuditQuery(null, null, null, null, null, null, null, 200)))
        .extracting(AuditEvent::detail)
        .anyMatch(d -> d != null && d.contains("waiting for it to answer"));
  }

  @Test
  void aFailedRolloutRollsBackAutomaticallyAndLeavesTheInventory() {
    PipelineCore core = t.core();
    String b1 = t.registerBuild(1);
    t.faults.inject(
        "cluster.awaitRollout test main-app", dev.baton.fakes.Faults.Action.TERMINAL, 1);
    t.registerBuild(2);
    assertThat(current("test")).isEqualTo(b1);
    Promotion p = t.store.read(r -> r.recentPromotions("credreg", 1)).get(0);
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
    Promotion after = t.store.read(r -> r.promotion(toProd.id())).orElseThrow();
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
