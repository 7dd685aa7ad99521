package dev.baton.pipeline.dora;

import static dev.baton.testing.Builders.aDeployment;
import static dev.baton.testing.Builders.aPromotion;
import static dev.baton.testing.Builders.aRelease;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.DeploymentKind;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.pipeline.port.StoreTx;
import dev.baton.testing.Builders;
import java.time.Duration;
import java.time.Instant;

/**
 * The seeded data set whose DORA figures the tests compute by hand. credreg in prod, the period the
 * 30 days before {@link #TO}; D is 2026-11-01T00:00Z. sandbox has no deployment at all.
 *
 * <pre>
 * before the period  r0 promoted (2026-10-01)                         not counted
 * D        r1 promoted      committed D−2h                  lead 2h (commit)
 * D+6h     rollback asked, then rejected                    not a failure
 * D+1d     r2 promoted      no commit time, registered D+1d−1h  lead 1h (registration)
 * D+1d+2h  rollback to r1 asked      → r2 failed (2h ≤ 24h); incident opens
 * D+1d+3h  r1 rolled back (ROLLBACK) → restored in 1h
 * D+1d+5h  rollback to r0 asked (a rollback of the rollback) → r2 already failed; incident opens
 * D+1d+6h  r0 rolled back (ROLLBACK) → restored in 1h
 * D+3d     r3 promoted      committed D+3d−6h               lead 6h (commit)
 * D+3d+12h promotion of r4 FAILED   → r3 failed (12h); incident opens
 * D+10d    r4 promoted      committed D+10d−30h             lead 30h (commit); restored in 6d12h
 * D+10d+20h promotion of r5 ROLLED_BACK → r4 failed (20h); incident opens, never restored
 * </pre>
 */
public final class DoraSeed {
  public static final String APP = "credreg";
  public static final String ENV = "prod";
  public static final Instant D = Instant.parse("2026-11-01T00:00:00Z");
  public static final Instant TO = Instant.parse("2026-11-22T09:00:00Z");
  public static final Instant FROM = TO.minus(Duration.ofDays(30));

  private DoraSeed() {}

  public static void seed(PipelineStore store) {
    store.write(
        tx -> {
          release(tx, 0, Instant.parse("2026-09-30T00:00:00Z"), null);
          release(tx, 1, D.minus(hours(1)), D.minus(hours(2)));
          release(tx, 2, D.plus(days(1)).minus(hours(1)), null);
          release(tx, 3, D.plus(days(3)).minus(hours(5)), D.plus(days(3)).minus(hours(6)));
          release(tx, 4, D.plus(days(10)).minus(hours(2)), D.plus(days(10)).minus(hours(30)));
          release(tx, 5, D.plus(days(10)).plus(hours(10)), null);
          deployed(tx, "d0", 0, DeploymentKind.PROMOTION, Instant.parse("2026-10-01T00:00:00Z"));
          deployed(tx, "d1", 1, DeploymentKind.PROMOTION, D);
          rollbackAsked(tx, "rb0", 0, PromotionState.REJECTED, D.plus(hours(6)));
          deployed(tx, "d2", 2, DeploymentKind.PROMOTION, D.plus(days(1)));
          rollbackAsked(tx, "rb1", 1, PromotionState.SUCCEEDED, D.plus(days(1)).plus(hours(2)));
          deployed(tx, "d3", 1, DeploymentKind.ROLLBACK, D.plus(days(1)).plus(hours(3)));
          rollbackAsked(tx, "rb2", 0, PromotionState.SUCCEEDED, D.plus(days(1)).plus(hours(5)));
          deployed(tx, "d4", 0, DeploymentKind.ROLLBACK, D.plus(days(1)).plus(hours(6)));
          deployed(tx, "d5", 3, DeploymentKind.PROMOTION, D.plus(days(3)));
          ended(tx, "pf", 4, PromotionState.FAILED, D.plus(days(3)).plus(hours(12)));
          deployed(tx, "d6", 4, DeploymentKind.PROMOTION, D.plus(days(10)));
          ended(tx, "pr", 5, PromotionState.ROLLED_BACK, D.plus(days(10)).plus(hours(20)));
          return null;
        });
  }

  private static void release(StoreTx tx, int n, Instant registered, Instant committed) {
    tx.insertRelease(
        aRelease()
            .withTag(Fixtures.tag(n))
            .withCommit("abcdef" + n)
            .registeredAt(registered)
            .committedAt(committed)
            .build());
  }

  private static void deployed(StoreTx tx, String id, int n, DeploymentKind kind, Instant at) {
    tx.insertDeployment(
        aDeployment()
            .withId(id)
            .in(ENV)
            .release(Fixtures.tag(n), Builders.credregDigests(n))
            .kind(kind)
            .byPromotion("p-" + id)
            .completedAt(at)
            .build());
  }

  private static void rollbackAsked(
      StoreTx tx, String id, int n, PromotionState state, Instant at) {
    tx.insertPromotion(
        aPromotion()
            .withId(id)
            .toEnv(ENV)
            .from(null)
            .kind(PromotionKind.ROLLBACK)
            .release(Fixtures.tag(n), Builders.credregDigests(n))
            .inState(state)
            .requestedAt(at)
            .updatedAt(at.plus(Duration.ofMinutes(50)))
            .build());
  }

  private static void ended(StoreTx tx, String id, int n, PromotionState state, Instant at) {
    tx.insertPromotion(
        aPromotion()
            .withId(id)
            .toEnv(ENV)
            .release(Fixtures.tag(n), Builders.credregDigests(n))
            .inState(state)
            .requestedAt(at.minus(hours(1)))
            .updatedAt(at)
            .build());
  }

  private static Duration hours(long n) {
    return Duration.ofHours(n);
  }

  private static Duration days(long n) {
    return Duration.ofDays(n);
  }
}
