package dev.baton.pipeline.dora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The DORA figures of {@link DoraSeed}, computed by hand, against each {@link DeliveryHistory} (the
 * generic one over the in-memory store, the JDBC store's indexed queries).
 */
public abstract class DoraFiguresContract {
  private static final Duration WINDOW = Duration.ofHours(24);

  /** The history over a store already holding {@link DoraSeed}. */
  protected abstract DeliveryHistory seededHistory();

  private DoraFigures prod() {
    return figures(DoraSeed.ENV);
  }

  private DoraFigures figures(String env) {
    return new DoraCalculator(WINDOW)
        .figures(
            DoraSeed.APP,
            env,
            DoraSeed.FROM,
            DoraSeed.TO,
            seededHistory().records(DoraSeed.APP, env, DoraSeed.FROM, DoraSeed.TO));
  }

  @Test
  void deploymentFrequencyCountsChangesInThePeriodAndRollbacksApart() {
    DoraFigures.Frequency f = prod().frequency();

    // d1, d2, d5, d6 (d0 is before the period; d3, d4 are rollbacks)
    assertThat(f.deployments()).isEqualTo(4);
    assertThat(f.rollbacks()).isEqualTo(2);
    // 4 / 30 days = 0.1333 a day, 0.9333 a week: under one a week, over one a month
    assertThat(f.perDay()).isCloseTo(0.13333, within(1e-4));
    assertThat(f.perWeek()).isCloseTo(0.93333, within(1e-4));
    assertThat(f.band()).isEqualTo(Band.MEDIUM);
  }

  @Test
  void leadTimeRunsFromTheCommitAndFromTheRegistrationWhenCiGaveNoCommitTime() {
    DoraFigures.LeadTime lead = prod().leadTime();

    // 2h (d1, commit), 1h (d2, registration), 6h (d5, commit), 30h (d6, commit)
    assertThat(lead.fromCommit()).isEqualTo(3);
    assertThat(lead.fromRegistration()).isEqualTo(1);
    // sorted 1h 2h 6h 30h: median (2h + 6h) / 2 = 4h; p90 at rank 0.9 × 3 = 2.7:
    // 6h + 0.7 × 24h = 22.8h = 22h48m
    assertThat(lead.duration().median()).isEqualTo(Duration.ofHours(4));
    assertThat(lead.duration().p90()).isEqualTo(Duration.ofHours(22).plusMinutes(48));
    assertThat(lead.band()).isEqualTo(Band.ELITE); // 4h < 1 day
  }

  @Test
  void aChangeFailsWhenAFailureAutoRollbackOrRollbackRequestFollowsWithinTheWindow() {
    DoraFigures.FailureRate rate = prod().failureRate();

    // d2 (rollback asked 2h later; the rollback of the rollback does not count it twice),
    // d5 (failed promotion 12h later), d6 (auto-rollback 20h later); d1: only a rejected request
    assertThat(rate.deployments()).isEqualTo(4);
    assertThat(rate.failed()).isEqualTo(3);
    assertThat(rate.rate()).isEqualTo(0.75);
    assertThat(rate.band()).isEqualTo(Band.LOW);
  }

  @Test
  void timeToRestoreEndsAtTheNextSuccessfulDeploymentAndAFailureWithoutOneStaysOpen() {
    DoraFigures.Restore restore = prod().restore();

    // 1h (rollback asked → d3), 1h (rollback of the rollback asked → d4),
    // 156h (failed promotion D+3d+12h → d6 at D+10d); the auto-rollback at D+10d+20h is open
    assertThat(restore.duration().count()).isEqualTo(3);
    assertThat(restore.open()).isEqualTo(1);
    // sorted 1h 1h 156h: median 1h; p90 at rank 1.8: 1h + 0.8 × 155h = 125h
    assertThat(restore.duration().median()).isEqualTo(Duration.ofHours(1));
    assertThat(restore.duration().p90()).isEqualTo(Duration.ofHours(125));
    assertThat(restore.band()).isEqualTo(Band.HIGH); // 1h is not under an hour
  }

  @Test
  void anEnvironmentWithoutDeploymentsHasZeroFrequencyAndNoOtherFigure() {
    DoraFigures sandbox = figures("sandbox");

    assertThat(sandbox.frequency().deployments()).isZero();
    assertThat(sandbox.frequency().perDay()).isZero();
    assertThat(sandbox.frequency().band()).isEqualTo(Band.LOW);
    assertThat(sandbox.leadTime().duration()).isEqualTo(DurationSummary.NONE);
    assertThat(sandbox.leadTime().band()).isNull();
    assertThat(sandbox.failureRate().rate()).isNull();
    assertThat(sandbox.failureRate().band()).isNull();
    assertThat(sandbox.restore().duration().count()).isZero();
    assertThat(sandbox.restore().open()).isZero();
    assertThat(sandbox.restore().band()).isNull();
  }

  @Test
  void aShorterWindowNoLongerCountsTheAutoRollbackTwentyHoursLater() {
    DoraFigures f =
        new DoraCalculator(Duration.ofHours(12))
            .figures(
                DoraSeed.APP,
                DoraSeed.ENV,
                DoraSeed.FROM,
                DoraSeed.TO,
                seededHistory().records(DoraSeed.APP, DoraSeed.ENV, DoraSeed.FROM, DoraSeed.TO));

    // d2 (2h) and d5 (12h, the window's edge counts) fail; d6 (20h) no longer
    assertThat(f.failureRate().failed()).isEqualTo(2);
    assertThat(f.failureRate().rate()).isEqualTo(0.5);
  }
}
