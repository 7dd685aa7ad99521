package dev.baton.pipeline;

import static dev.baton.fakes.Fixtures.*;
import static dev.baton.testing.Recorded.auditActions;
import static dev.baton.testing.Recorded.currentTag;
import static dev.baton.testing.Recorded.promotion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code freeze-after-rollback} (prod sets it in the fixtures) freezes the environment after a
 * rollback someone asked for, and not after the automatic rollback of a failed promotion: that one
 * only undoes Baton's own failed attempt, and no automation retries the failed release by itself.
 */
class FreezeAfterRollbackTest {
  private final TestPipeline t = new TestPipeline(Fixtures.credreg(), new InMemoryPipelineStore());

  private Optional<Freeze> freeze() {
    return t.store.read(r -> r.freeze("prod"));
  }

  private long frozenEvents() {
    return auditActions(t.store, "prod", 500).stream().filter("env.frozen"::equals).count();
  }

  /** Build {@code n} through test and sandbox into prod with its two approvals. */
  private Promotion toProd(int n) {
    t.registerBuild(n);
    t.clock.advance(Duration.ofMinutes(30));
    t.core().promotions().request("credreg", "sandbox", null, DEPLOYER).promotion();
    t.clock.advance(Duration.ofHours(24));
    Promotion p = t.core().promotions().request("credreg", "prod", null, DEPLOYER).promotion();
    t.core().promotions().approve(p.id(), APPROVER_1);
    t.core().promotions().approve(p.id(), APPROVER_2);
    return promotion(t.store, p.id());
  }

  @Test
  void anAutomaticRollbackAfterAFailedPromotionDoesNotFreeze() {
    assertThat(t.pipeline.env("prod").orElseThrow().policy().freezeAfterRollback()).isTrue();
    toProd(1);
    t.faults.inject("cluster.awaitRollout prod main-app", Faults.Action.TERMINAL, 1);

    Promotion failed = toProd(2);

    assertThat(failed.state()).isEqualTo(PromotionState.ROLLED_BACK);
    assertThat(currentTag(t.store, "prod")).isEqualTo(Fixtures.tag(1));
    assertThat(freeze()).isEmpty();
    assertThat(frozenEvents()).isZero();
    // nothing brings the failed release back on its own: trying it again is a new request
    Optional<Promotion> open = t.store.read(r -> r.openPromotion("credreg", "prod"));
    assertThat(open).isEmpty();
    Promotion again = t.core().promotions().request("credreg", "prod", null, DEPLOYER).promotion();
    assertThat(again.state()).isEqualTo(PromotionState.PENDING_APPROVAL);
    assertThat(again.id()).isNotEqualTo(failed.id());
  }

  @Test
  void aRollbackSomeoneAsksForFreezesUntilSomeoneUnfreezes() {
    toProd(1);
    toProd(2);
    assertThat(currentTag(t.store, "prod")).isEqualTo(Fixtures.tag(2));

    t.core().rollbacks().rollback("prod", null, null, DEPLOYER);

    assertThat(currentTag(t.store, "prod")).isEqualTo(Fixtures.tag(1));
    assertThat(freeze())
        .hasValueSatisfying(
            f -> {
              assertThat(f.until()).isNull();
              assertThat(f.frozenBy()).isEqualTo("baton");
              assertThat(f.reason()).contains("rolled back to " + Fixtures.tag(1));
            });
    assertThat(frozenEvents()).isEqualTo(1);
    assertThatThrownBy(
            () -> t.core().promotions().request("credreg", "prod", null, DEPLOYER).promotion())
        .hasMessageContaining("prod is frozen");
  }
}
