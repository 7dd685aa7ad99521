package dev.baton.pipeline.plan;

import static dev.baton.testing.Builders.aPromotion;
import static dev.baton.testing.Builders.aPromotionLike;
import static dev.baton.testing.Builders.aRelease;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.port.PortException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each step class on its own, against the fake registry and cluster. */
class PlanStepsTest {
  private TestPipeline t;
  private PipelinePorts ports;
  private Release previous;
  private Release release;
  private final List<String> progress = new ArrayList<>();
  private final RecordingEnd end = new RecordingEnd();

  @BeforeEach
  void setUp() {
    t = new TestPipeline(Fixtures.credreg(), new InMemoryPipelineStore());
    ports = t.core().ports();
    previous = release(t.registerBuild(1));
    release = release(t.registerBuild(2));
  }

  private Release release(String tag) {
    return ports.store().read(r -> r.release("credreg", tag)).orElseThrow();
  }

  private StepContext context(String env, PromotionKind kind) {
    Promotion p =
        aPromotion()
            .withId("p-unit")
            .toEnv(env)
            .from(kind == PromotionKind.PROMOTION ? "sandbox" : null)
            .kind(kind)
            .release(release.tag(), release.digests())
            .requestedBy(Fixtures.REQUESTER)
            .inState(PromotionState.RUNNING)
            .atStep(Step.VERIFY_IMAGES)
            .requestedAt(t.clock.instant())
            .expiresAt(null)
            .updatedAt(t.clock.instant())
            .previous(previous.tag())
            .because("smoke checks failed: 503")
            .build();
    return new StepContext(
        p, release, previous, ports.env(env), ports.app("credreg"), progress::add);
  }

  private StepContext prod() {
    return context("prod", PromotionKind.PROMOTION);
  }

  private String image(String env, String workload) {
    return t.cluster.imageOf(env, workload);
  }

  @Nested
  class VerifyImagesStep {
    @Test
    void passesWhenEveryImageIsInTheRegistry() {
      assertThat(new VerifyImages(ports).run(prod()))
          .isEqualTo(new StepOutcome.Done("2 images verified"));
    }

    @Test
    void namesEveryMissingImageAndSaysNothingChanged() {
      Release unpushed =
          aRelease()
              .withTag("2026.11.22.0099")
              .withDigests(
                  Map.of(
                      "main-app",
                      Fixtures.digest("gone-1"),
                      "worker-app",
                      Fixtures.digest("gone-2")))
              .registeredAt(t.clock.instant())
              .build();
      StepContext c = prod();
      Promotion p = c.promotion();
      StepContext missing =
          new StepContext(
              aPromotionLike(p)
                  .release(unpushed.tag(), unpushed.digests())
                  .failedAt(null)
                  .attempts(0)
                  .expiresAt(null)
                  .because(null)
                  .version(0)
                  .build(),
              unpushed,
              previous,
              c.env(),
              c.app(),
              progress::add);
      assertThatThrownBy(() -> new VerifyImages(ports).run(missing))
          .isInstanceOf(PortException.class)
          .hasMessageContaining(Fixtures.digest("gone-1"))
          .hasMessageContaining(Fixtures.digest("gone-2"))
          .hasMessageEndingWith("nothing was changed")
          .matches(e -> !((PortException) e).retryable());
    }
  }

  @Nested
  class RunMigrationStep {
    @Test
    void skipsAPhaseWithoutMigration() {
      StepOutcome before = new RunMigration(ports, Migration.Phase.BEFORE_ROLLOUT).run(prod());
      StepOutcome after = new RunMigration(ports, Migration.Phase.AFTER_ROLLOUT).run(prod());
      assertThat(List.of(before, after)).hasAtLeastOneElementOfType(StepOutcome.Skipped.class);
    }

    @Test
    void runsTheJobNamedAfterThePromotionOnceHoweverOftenItRuns() {
      Migration m = ports.app("credreg").migration();
      if (m == null) {
        return; // the fixture pipeline configures a migration; guard against it changing
      }
      List<String> before = t.cluster.migrationJobs();
      RunMigration step = new RunMigration(ports, m.phase());
      step.run(prod());
      StepOutcome again = step.run(prod());
      assertThat(again).isInstanceOf(StepOutcome.Done.class);
      assertThat(t.cluster.migrationJobs())
          .hasSize(before.size() + 1)
          .contains(RunMigration.jobName(ports.app("credreg"), prod().promotion()));
    }

    @Test
    void aRollbackNeverRunsMigrations() {
      Migration m = ports.app("credreg").migration();
      Migration.Phase phase = m == null ? Migration.Phase.BEFORE_ROLLOUT : m.phase();
      List<String> before = t.cluster.migrationJobs();
      StepOutcome outcome =
          new RunMigration(ports, phase).run(context("prod", PromotionKind.ROLLBACK));
      assertThat(outcome).isInstanceOf(StepOutcome.Skipped.class);
      assertThat(t.cluster.migrationJobs()).isEqualTo(before);
    }
  }

  @Nested
  class SetImagesAndAwaitRolloutSteps {
    @Test
    void setTheReleaseByDigestAndWaitForIt() {
      new SetImages(ports, false).run(prod());
      StepOutcome outcome = new AwaitRollout(ports, false).run(prod());
      assertThat(image("prod", "main-app"))
          .isEqualTo("credreg/main-app@" + release.digests().get("main-app"));
      assertThat(outcome).isInstanceOf(StepOutcome.Done.class);
      assertThat(progress).anyMatch(line -> line.startsWith("main-app: 2/2 updated"));
    }

    @Test
    void theAutoRollbackPutsThePreviousReleaseBack() {
      new SetImages(ports, false).run(prod());
      new SetImages(ports, true).run(prod());
      new AwaitRollout(ports, true).run(prod());
      assertThat(image("prod", "worker-app"))
          .isEqualTo("credreg/worker-app@" + previous.digests().get("worker-app"));
    }

    @Test
    void aRolloutOfAnImageSomeoneReplacedFails() {
      new SetImages(ports, false).run(prod());
      t.cluster.setByHand("prod", "main-app", "credreg/main-app@" + Fixtures.digest("x"), true);
      assertThatThrownBy(() -> new AwaitRollout(ports, false).run(prod()))
          .isInstanceOf(PortException.class)
          .hasMessageContaining("was changed");
    }
  }

  @Nested
  class SmokeChecksStep {
    @Test
    void skipsAnEnvironmentWithoutChecksAndRunsThemElsewhere() {
      for (String env : List.of("test", "sandbox", "prod")) {
        StepOutcome outcome = new SmokeChecks(ports).run(context(env, PromotionKind.PROMOTION));
        boolean configured = !ports.app("credreg").smokeChecksFor(env).isEmpty();
        assertThat(outcome)
            .as(env)
            .isInstanceOf(configured ? StepOutcome.Done.class : StepOutcome.Skipped.class);
      }
    }

    @Test
    void aFailingCheckFailsTheStep() {
      String env =
          List.of("test", "sandbox", "prod").stream()
              .filter(e -> !ports.app("credreg").smokeChecksFor(e).isEmpty())
              .findFirst()
              .orElse(null);
      if (env == null) {
        return;
      }
      t.faults.inject("smoke", Faults.Action.TERMINAL, 1);
      assertThatThrownBy(() -> new SmokeChecks(ports).run(context(env, PromotionKind.PROMOTION)))
          .isInstanceOf(PortException.class);
    }
  }

  @Nested
  class MovePointerTagsStep {
    @Test
    void movesEveryTagOnEveryRepositoryAndPutsThemBack() {
      new MovePointerTags(ports, false).run(prod());
      assertThat(t.registry.tagged("default", "credreg/main-app", "prod"))
          .contains(release.digests().get("main-app"));
      new MovePointerTags(ports, true).run(prod());
      assertThat(t.registry.tagged("default", "credreg/worker-app", "prod"))
          .contains(previous.digests().get("worker-app"));
    }

    @Test
    void skipsAnEnvironmentWithoutTags() {
      assertThat(new MovePointerTags(ports, false).run(context("sandbox", PromotionKind.PROMOTION)))
          .isInstanceOf(StepOutcome.Skipped.class);
    }

    @Test
    void movesNoTagWhenAnImageIsMissing() {
      t.faults.inject("registry.exists", Faults.Action.TERMINAL, 1);
      assertThatThrownBy(() -> new MovePointerTags(ports, false).run(prod()))
          .isInstanceOf(PortException.class);
      assertThat(t.registry.tagged("default", "credreg/main-app", "prod")).isEmpty();
    }
  }

  @Nested
  class ClosingSteps {
    @Test
    void recordDeploymentRecordsOnlyWhatRuns() {
      PromotionStep record = new RecordDeployment(ports, end, Duration.ofSeconds(5));
      assertThat(record.closes()).isTrue();
      StepOutcome notRunning = record.run(prod());
      assertThat(notRunning).isInstanceOf(StepOutcome.Failed.class);
      assertThat(end.calls).isEmpty();

      new SetImages(ports, false).run(prod());
      new AwaitRollout(ports, false).run(prod());
      assertThat(record.run(prod())).isInstanceOf(StepOutcome.Ended.class);
      assertThat(end.calls).containsExactly("succeed");
    }

    @Test
    void recordDeploymentWaitsForAClusterThatDoesNotAnswer() {
      t.faults.inject("cluster.running", Faults.Action.RETRYABLE, 1);
      StepOutcome outcome = new RecordDeployment(ports, end, Duration.ofSeconds(5)).run(prod());
      assertThat(outcome).isInstanceOf(StepOutcome.Waiting.class);
      assertThat(((StepOutcome.Waiting) outcome).lookAgainAfter()).isEqualTo(Duration.ofSeconds(5));
      assertThat(end.calls).isEmpty();
    }

    @Test
    void closeFailedKeepsTheReason() {
      new CloseFailed(end).run(prod());
      assertThat(end.calls).containsExactly("close FAILED smoke checks failed: 503");
    }

    @Test
    void closeRolledBackConfirmsThePreviousReleaseRunsAgain() {
      PromotionStep close = new CloseRolledBack(ports, end, Duration.ofSeconds(5));
      new SetImages(ports, false).run(prod());
      close.run(prod());
      assertThat(end.calls.get(0)).startsWith("close FAILED smoke checks failed: 503; after the");

      end.calls.clear();
      new SetImages(ports, true).run(prod());
      new AwaitRollout(ports, true).run(prod());
      close.run(prod());
      assertThat(end.calls).containsExactly("close ROLLED_BACK smoke checks failed: 503");
    }
  }

  /** Records how the closing steps ended the promotion. */
  private static final class RecordingEnd implements PromotionEnd {
    final List<String> calls = new ArrayList<>();

    @Override
    public Promotion succeed(Promotion promotion) {
      calls.add("succeed");
      return promotion;
    }

    @Override
    public Promotion close(Promotion promotion, PromotionState state, String reason) {
      calls.add("close " + state + " " + reason);
      return promotion;
    }
  }
}
