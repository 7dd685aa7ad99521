package dev.baton.pipeline.guard;

import static dev.baton.testing.Builders.aDeployment;
import static dev.baton.testing.Builders.aFreeze;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.guard.Verdict.Code;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.DeploymentKind;
import dev.baton.pipeline.port.RunningWorkload;
import dev.baton.testing.FreezeBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PromotionGuardsTest {
  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  static final String D1 = Fixtures.digest("one");
  static final String D2 = Fixtures.digest("two");
  static final Map<String, String> DIGESTS = Map.of("main-app", D1);
  static final Duration HOUR = Duration.ofHours(1);

  static Deployment deployed(String tag, Map<String, String> digests, Instant at) {
    return aDeployment()
        .withId("d")
        .in("sandbox")
        .release(tag, digests)
        .kind(DeploymentKind.PROMOTION)
        .byPromotion("p")
        .by("U")
        .completedAt(at)
        .build();
  }

  static Verdict notFrozen(FreezeBuilder freeze) {
    return PromotionGuards.notFrozen("prod", Optional.of(freeze.build()), NOW);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "not frozen when no freeze",
            PromotionGuards.notFrozen("prod", Optional.empty(), NOW),
            null,
            null),
        Arguments.of(
            "frozen until unfrozen",
            notFrozen(aFreeze().because("incident 42").at(NOW)),
            Code.FROZEN,
            "prod is frozen by UADMIN until someone unfreezes it: incident 42"),
        Arguments.of(
            "frozen by Baton after a rollback, with its end as an instant",
            notFrozen(aFreeze().by("baton").because("rolled back").at(NOW).lasting(HOUR)),
            Code.FROZEN,
            "prod is frozen by Baton until " + NOW.plusSeconds(3600) + ": rolled back"),
        Arguments.of(
            "freeze that has ended does not block",
            notFrozen(
                aFreeze()
                    .by("U")
                    .because(null)
                    .at(NOW.minusSeconds(7200))
                    .until(NOW.minusSeconds(1))),
            null,
            null),
        Arguments.of(
            "freeze ending in the future blocks",
            notFrozen(aFreeze().by("U").because("").at(NOW).until(NOW.plusSeconds(60))),
            Code.FROZEN,
            "no reason given"),
        Arguments.of(
            "soak required but not elapsed",
            PromotionGuards.baked(
                "T1",
                "sandbox",
                Optional.of(deployed("T1", DIGESTS, NOW.minus(Duration.ofHours(3)))),
                Duration.ofHours(24),
                NOW),
            Code.BAKING,
            "T1 has baked 3h 0m of 1d 0h in sandbox; 21h 0m left"),
        Arguments.of(
            "soak elapsed exactly",
            PromotionGuards.baked(
                "T1",
                "sandbox",
                Optional.of(deployed("T1", DIGESTS, NOW.minus(Duration.ofHours(24)))),
                Duration.ofHours(24),
                NOW),
            null,
            null),
        Arguments.of(
            "source runs another release: stale",
            PromotionGuards.baked(
                "T1",
                "sandbox",
                Optional.of(deployed("T2", DIGESTS, NOW.minus(Duration.ofDays(3)))),
                Duration.ofHours(24),
                NOW),
            Code.STALE,
            "T1 is no longer the release of sandbox"),
        Arguments.of(
            "source never deployed: stale",
            PromotionGuards.baked("T1", "sandbox", Optional.empty(), Duration.ZERO, NOW),
            Code.STALE,
            "no longer the release"),
        Arguments.of(
            "cluster runs exactly the digests",
            PromotionGuards.sourceRunsExactly(
                "sandbox",
                DIGESTS,
                Map.of("main-app", new RunningWorkload("main-app", "r@" + D1, D1, true))),
            null,
            null),
        Arguments.of(
            "cluster runs another digest: drift",
            PromotionGuards.sourceRunsExactly(
                "sandbox",
                DIGESTS,
                Map.of("main-app", new RunningWorkload("main-app", "r@" + D2, D2, true))),
            Code.STALE,
            "sandbox runs sha256:"
                + D2.substring(7, 19)
                + " for main-app, not sha256:"
                + D1.substring(7, 19)
                + " as recorded"),
        Arguments.of(
            "cluster runs a floating tag: drift",
            PromotionGuards.sourceRunsExactly(
                "sandbox",
                DIGESTS,
                Map.of("main-app", new RunningWorkload("main-app", "r:latest", null, true))),
            Code.STALE,
            "sandbox runs r:latest"),
        Arguments.of(
            "rollout not complete in source",
            PromotionGuards.sourceRunsExactly(
                "sandbox",
                DIGESTS,
                Map.of("main-app", new RunningWorkload("main-app", "r@" + D1, D1, false))),
            Code.STALE,
            "not healthy"),
        Arguments.of(
            "workload missing in source",
            PromotionGuards.sourceRunsExactly("sandbox", DIGESTS, Map.of()),
            Code.STALE,
            "main-app is not running in sandbox"),
        Arguments.of(
            "target already runs the digests",
            PromotionGuards.digestsDiffer(
                "prod", "T1", Optional.of(deployed("T1", DIGESTS, NOW)), DIGESTS),
            Code.NOTHING_TO_DO,
            "prod already runs T1"),
        Arguments.of(
            "target runs other digests",
            PromotionGuards.digestsDiffer(
                "prod", "T1", Optional.of(deployed("T0", Map.of("main-app", D2), NOW)), DIGESTS),
            null,
            null),
        Arguments.of(
            "target empty",
            PromotionGuards.digestsDiffer("prod", "T1", Optional.empty(), DIGESTS),
            null,
            null),
        Arguments.of(
            "one of two approvals missing",
            PromotionGuards.approved(1, 2),
            Code.UNAPPROVED,
            "1 of 2 approvals missing"),
        Arguments.of("enough approvals", PromotionGuards.approved(2, 2), null, null),
        Arguments.of("no approvals needed", PromotionGuards.approved(0, 0), null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void guardAnswers(String name, Verdict verdict, Code expectedCode, String reasonContains) {
    if (expectedCode == null) {
      assertThat(verdict.allowed()).as(name).isTrue();
    } else {
      // a freeze and a bake are waits (not yet), everything else a denial
      boolean waits = expectedCode == Code.FROZEN || expectedCode == Code.BAKING;
      assertThat(verdict).isInstanceOf(waits ? Verdict.NotYet.class : Verdict.Denied.class);
      Verdict.Blocked b = (Verdict.Blocked) verdict;
      assertThat(b.code()).isEqualTo(expectedCode);
      assertThat(b.reason()).contains(reasonContains);
    }
  }

  @Test
  void waitsSayUntilWhen() {
    Verdict timed = notFrozen(aFreeze().by("U").because("x").at(NOW).until(NOW.plusSeconds(60)));
    assertThat(((Verdict.NotYet) timed).until()).isEqualTo(NOW.plusSeconds(60));
    Verdict open = notFrozen(aFreeze().by("U").because("x").at(NOW));
    assertThat(((Verdict.NotYet) open).until()).as("only an unfreeze ends it").isNull();
    Verdict baking =
        PromotionGuards.baked(
            "T1",
            "sandbox",
            Optional.of(deployed("T1", DIGESTS, NOW.minus(Duration.ofHours(3)))),
            Duration.ofHours(24),
            NOW);
    assertThat(((Verdict.NotYet) baking).until()).isEqualTo(NOW.plus(Duration.ofHours(21)));
  }
}
