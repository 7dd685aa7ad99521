package dev.baton.pipeline;

import static dev.baton.fakes.Fixtures.*;
import static dev.baton.testing.Builders.aPromotion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.RollbackTable;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.AuditQuery;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rollback rule, row by row: what it decides, and what {@code /rollback} then does. */
class RollbackRulesTest {
  static Stream<RollbackTable.Row> rows() {
    return RollbackTable.rows().stream();
  }

  static TestPipeline pipeline(RollbackTable.Row row) {
    return new TestPipeline(Fixtures.credreg(row.autoRollback()), new InMemoryPipelineStore());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void theRuleDecides(RollbackTable.Row row) {
    TestPipeline t = pipeline(row);
    RollbackTable.Case c = row.setup().apply(t);
    var env = t.pipeline.env(c.env()).orElseThrow();
    RollbackRules.Decision decision =
        t.store.read(r -> RollbackRules.target(r, "credreg", env, c.tag(), t.clock.instant()));
    if (c.restores() != null) {
      assertThat(decision).isInstanceOf(RollbackRules.Restore.class);
      assertThat(((RollbackRules.Restore) decision).release().tag()).isEqualTo(c.restores());
    } else {
      assertThat(decision).isInstanceOf(RollbackRules.Refused.class);
      assertThat(((RollbackRules.Refused) decision).reason()).contains(c.refusal());
    }
    Promotion card = t.store.read(r -> r.promotion(c.card())).orElseThrow();
    boolean last = t.pipeline.indexOf(c.env()) == t.pipeline.environments().size() - 1;
    Optional<RollbackRules.Offer> offer =
        t.store.read(r -> RollbackRules.offer(r, env, last, card, t.clock.instant()));
    if (c.button() == null) {
      assertThat(offer).as("no Roll back offered").isEmpty();
    } else {
      assertThat(offer).contains(new RollbackRules.Offer(c.button().get(0), c.button().get(1)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void slashRollbackFollowsTheRule(RollbackTable.Row row) {
    TestPipeline t = pipeline(row);
    RollbackTable.Case c = row.setup().apply(t);
    long before = t.store.audit(AuditQuery.latest(1)).get(0).seq();
    Throwable thrown =
        catchThrowable(() -> t.core().rollbacks().rollback(c.env(), null, c.tag(), DEPLOYER));
    if (c.restores() == null) {
      assertThat(thrown).isInstanceOf(Refusal.class);
      assertThat(thrown.getMessage()).contains(c.refusal());
      assertThat(t.store.audit(AuditQuery.latest(1)).get(0).seq())
          .as("a refused rollback writes nothing")
          .isEqualTo(before);
      return;
    }
    assertThat(thrown).isNull();
    Deployment now = t.store.read(r -> r.currentDeployment("credreg", c.env())).orElseThrow();
    assertThat(now.releaseTag()).isEqualTo(c.restores());
    assertThat(t.store.read(r -> r.promotion(now.promotionId())).orElseThrow().kind())
        .isEqualTo(PromotionKind.ROLLBACK);
    assertThat(t.cluster.imageOf(c.env(), "main-app"))
        .isEqualTo(
            "credreg/main-app@"
                + t.store
                    .read(r -> r.release("credreg", c.restores()))
                    .orElseThrow()
                    .digests()
                    .get("main-app"));
  }

  @Test
  void aClickFromAMessageThatShowedAnotherReleaseIsRefusedAndWritesNothing() {
    TestPipeline t = new TestPipeline(Fixtures.credreg(), new InMemoryPipelineStore());
    String a = RollbackTable.carry(t, 1);
    String b = RollbackTable.carry(t, 2);
    String c = RollbackTable.carry(t, 3);
    long before = t.store.audit(AuditQuery.latest(1)).get(0).seq();
    Throwable thrown =
        catchThrowable(() -> t.core().rollbacks().rollback("prod", null, a, b, DEPLOYER));
    assertThat(thrown).isInstanceOf(RollbackDesk.Outdated.class);
    RollbackDesk.Outdated o = (RollbackDesk.Outdated) thrown;
    assertThat(o.runs()).isEqualTo(c);
    assertThat(o.shown()).isEqualTo(b);
    assertThat(o.getMessage()).contains("prod runs " + c + " now, not " + b);
    assertThat(t.store.audit(AuditQuery.latest(1)).get(0).seq()).isEqualTo(before);
  }

  @Test
  void theRollbackOfARollbackNeverGoesForward() {
    // finding: after A → B and /rollback prod, the rollback's own message offered B back
    TestPipeline t = new TestPipeline(Fixtures.credreg(), new InMemoryPipelineStore());
    String a = RollbackTable.carry(t, 1);
    String b = RollbackTable.carry(t, 2);
    Promotion back = t.core().rollbacks().rollback("prod", null, null, DEPLOYER);
    assertThat(back.releaseTag()).isEqualTo(a);
    Promotion done = t.store.read(r -> r.promotion(back.id())).orElseThrow();
    assertThat(done.state()).isEqualTo(PromotionState.SUCCEEDED);
    var prod = t.pipeline.env("prod").orElseThrow();
    assertThat(
            t.store.<Optional<RollbackRules.Offer>>read(
                r -> RollbackRules.offer(r, prod, true, done, t.clock.instant())))
        .isEmpty();
    Throwable click =
        catchThrowable(() -> t.core().rollbacks().rollback("prod", "credreg", b, a, DEPLOYER));
    assertThat(click)
        .isInstanceOf(Refusal.class)
        .hasMessageContaining(
            b + " is newer than what runs in prod (" + a + "); promote it instead")
        .hasMessageContaining("needs 2 approvals and is frozen until someone unfreezes it");
    assertThat(t.store.read(r -> r.currentDeployment("credreg", "prod")).orElseThrow().releaseTag())
        .isEqualTo(a);
  }

  /** A rollback {@code id} of prod to {@code tag}, approved now and not started. */
  static Promotion approvedRollbackInProd(TestPipeline t, String id, String tag) {
    return aPromotion()
        .withId(id)
        .toEnv("prod")
        .from(null)
        .kind(PromotionKind.ROLLBACK)
        .release(tag, t.store.read(r -> r.release("credreg", tag)).orElseThrow().digests())
        .requestedBy(DEPLOYER)
        .inState(PromotionState.APPROVED)
        .atStep(null)
        .requestedAt(t.clock.instant())
        .expiresAt(null)
        .updatedAt(t.clock.instant())
        .build();
  }

  @Test
  void anApprovedRollbackIsStillValidOnlyWhileItGoesBackwards() {
    TestPipeline t = new TestPipeline(Fixtures.credreg(), new InMemoryPipelineStore());
    String a = RollbackTable.carry(t, 1);
    String b = RollbackTable.carry(t, 2);
    Promotion toA = t.core().rollbacks().rollback("prod", null, null, DEPLOYER);
    assertThat(toA.releaseTag()).isEqualTo(a);
    // once prod runs A, a rollback to A is stale, and so would be one carrying B
    assertThat(t.store.<Verdict>read(r -> RollbackRules.stillValid(r, toA)))
        .isEqualTo(Verdict.deny(Verdict.Code.STALE, "prod already runs " + a));
    Promotion fakeToB = approvedRollbackInProd(t, "x", b);
    Verdict verdict = t.store.read(r -> RollbackRules.stillValid(r, fakeToB));
    assertThat(verdict).isInstanceOf(Verdict.Denied.class);
    assertThat(((Verdict.Denied) verdict).code()).isEqualTo(Verdict.Code.STALE);
    assertThat(((Verdict.Denied) verdict).reason())
        .contains(b + " is newer than what runs in prod now (" + a + ")");
    Promotion backToA = approvedRollbackInProd(t, "y", a);
    t.core().freezes().unfreeze("prod", ADMIN);
    RollbackTable.carry(t, 3);
    assertThat(t.store.<Verdict>read(r -> RollbackRules.stillValid(r, backToA)))
        .isEqualTo(Verdict.ALLOWED);
  }
}
