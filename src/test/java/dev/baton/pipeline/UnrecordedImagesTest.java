package dev.baton.pipeline;

import static dev.baton.fakes.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Digests;
import dev.baton.pipeline.model.UnrecordedImages;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.pipeline.port.PipelineEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An environment that runs images Baton never deployed there (a live cluster Baton is adopted on)
 * is shown as such, not as empty, and its first deployment says what it replaced.
 */
class UnrecordedImagesTest {
  static final String OLD_MAIN = "credreg/main-app@" + Fixtures.digest("before-baton-main");
  static final String OLD_WORKER = "credreg/worker-app@" + Fixtures.digest("before-baton-worker");

  TestPipeline t;

  @BeforeEach
  void setUp() {
    t = new TestPipeline(Fixtures.credreg(), new InMemoryPipelineStore());
  }

  private void adoptedSandbox() {
    t.cluster.setByHand("sandbox", "main-app", OLD_MAIN, true);
    t.cluster.setByHand("sandbox", "worker-app", OLD_WORKER, true);
  }

  private List<AuditEvent> audit(String action) {
    return t.store.audit(new AuditQuery(null, null, null, null, null, null, null, 500)).stream()
        .filter(e -> action.equals(e.action()))
        .toList();
  }

  private List<PipelineEvent.UnrecordedImagesReplaced> notes() {
    return t.chat.events().stream()
        .filter(e -> e instanceof PipelineEvent.UnrecordedImagesReplaced)
        .map(e -> (PipelineEvent.UnrecordedImagesReplaced) e)
        .toList();
  }

  @Test
  void anEnvironmentRunningImagesBatonNeverDeployedThereIsShownWithThem() {
    t.registerBuild(1);
    adoptedSandbox();

    PipelineQueries.ClusterCheck check = t.core().queries().check("credreg", "sandbox");

    assertThat(check.unrecorded().images())
        .containsExactly(Map.entry("main-app", OLD_MAIN), Map.entry("worker-app", OLD_WORKER));
    assertThat(check.unrecorded().isRegisteredRelease()).isFalse();
    assertThat(check.drift())
        .isEqualTo(
            "sandbox runs "
                + OLD_MAIN
                + ", "
                + OLD_WORKER
                + ", not a release Baton knows; Baton has recorded no deployment of credreg there");
    assertThat(t.core().queries().drift("credreg", "sandbox")).hasValue(check.drift());
    assertThat(t.core().queries().unrecordedImages("credreg"))
        .as("test has a deployment, prod runs nothing")
        .containsOnlyKeys("sandbox");
  }

  @Test
  void theImagesOfARegisteredReleaseAreNamedAsThatRelease() {
    t.registerBuild(1);
    t.registerBuild(2);
    t.cluster.setByHand("prod", "main-app", "credreg/main-app@" + Fixtures.digest("main-1"), true);
    t.cluster.setByHand(
        "prod", "worker-app", "credreg/worker-app@" + Fixtures.digest("worker-1"), true);

    UnrecordedImages u = t.core().queries().check("credreg", "prod").unrecorded();

    assertThat(u.release()).isEqualTo(Fixtures.tag(1));
    assertThat(u.sentence())
        .contains("the images of " + Fixtures.tag(1) + ", which Baton did not deploy there");
  }

  @Test
  void anEmptyEnvironmentStaysEmptyAndOneWithADeploymentIsJudgedByDrift() {
    t.registerBuild(1);

    assertThat(t.core().queries().check("credreg", "prod"))
        .isEqualTo(new PipelineQueries.ClusterCheck(null, null));
    assertThat(t.core().queries().check("credreg", "test"))
        .isEqualTo(new PipelineQueries.ClusterCheck(null, null));
    t.cluster.setByHand("test", "main-app", OLD_MAIN, true);
    PipelineQueries.ClusterCheck drifted = t.core().queries().check("credreg", "test");
    assertThat(drifted.unrecorded()).as("test has a recorded deployment: that is drift").isNull();
    String oldDigest = OLD_MAIN.substring(OLD_MAIN.indexOf('@') + 1);
    assertThat(drifted.drift())
        .contains("test runs sha256:" + Digests.shortDigest(oldDigest))
        .contains("expected");
    assertThat(t.core().queries().unrecordedImages("credreg")).isEmpty();
  }

  @Test
  void anUnreadableClusterIsSaidInTheApiAndLeftOffTheBoards() {
    adoptedSandbox();
    t.faults.inject("cluster.running sandbox", Faults.Action.TERMINAL, 2);

    assertThat(t.core().queries().drift("credreg", "sandbox"))
        .hasValueSatisfying(d -> assertThat(d).startsWith("could not read what runs in sandbox"));
    assertThat(t.core().queries().unrecordedImages("credreg")).isEmpty();
  }

  @Test
  void boardsReuseAReadingForAWhileInsteadOfAskingTheClusterEachTime() {
    t.core().queries().unrecordedImages("credreg");
    adoptedSandbox();
    long reads = t.faults.calls().stream().filter(c -> c.equals("cluster.running sandbox")).count();

    assertThat(t.core().queries().unrecordedImages("credreg")).isEmpty();
    assertThat(t.faults.calls().stream().filter(c -> c.equals("cluster.running sandbox")))
        .hasSize((int) reads);
    t.clock.advance(UnrecordedImagesReader.REUSE);
    assertThat(t.core().queries().unrecordedImages("credreg")).containsOnlyKeys("sandbox");
  }

  @Test
  void theFirstDeploymentAuditsAndTellsWhatItReplaced() {
    t.registerBuild(1);
    adoptedSandbox();
    t.clock.advance(Duration.ofMinutes(30));

    t.core().promotions().request("credreg", "sandbox", null, DEPLOYER);

    assertThat(t.cluster.imageOf("sandbox", "main-app"))
        .isEqualTo("credreg/main-app@" + Fixtures.digest("main-1"));
    List<AuditEvent> noted = audit(FirstDeploymentNotes.ACTION);
    assertThat(noted).hasSize(1);
    assertThat(noted.get(0).env()).isEqualTo("sandbox");
    assertThat(noted.get(0).releaseTag()).isEqualTo(Fixtures.tag(1));
    assertThat(noted.get(0).actor()).isEqualTo("baton");
    assertThat(noted.get(0).detail())
        .isEqualTo(
            "before it started, sandbox runs "
                + OLD_MAIN
                + ", "
                + OLD_WORKER
                + ", not a release Baton knows; Baton has recorded no deployment of credreg there");
    // written before the first step: nothing had changed the cluster yet
    List<AuditEvent> all =
        t.store.audit(new AuditQuery(null, "sandbox", null, null, null, null, null, 500));
    AuditEvent firstStep =
        all.stream()
            .filter(e -> e.action() != null && e.action().startsWith("step."))
            .reduce((newer, older) -> older)
            .orElseThrow();
    assertThat(noted.get(0).seq()).isLessThan(firstStep.seq());
    assertThat(notes()).hasSize(1);
    assertThat(notes().get(0).replaced().images()).containsValues(OLD_MAIN, OLD_WORKER);
    assertThat(t.core().queries().check("credreg", "sandbox"))
        .isEqualTo(new PipelineQueries.ClusterCheck(null, null));
  }

  @Test
  void onlyTheFirstDeploymentIntoAnEnvironmentThatRanSomethingIsNoted() {
    t.registerBuild(1);
    t.clock.advance(Duration.ofMinutes(30));
    t.core().promotions().request("credreg", "sandbox", null, DEPLOYER);
    t.registerBuild(2);
    t.clock.advance(Duration.ofMinutes(30));
    t.core().promotions().request("credreg", "sandbox", null, DEPLOYER);

    assertThat(audit(FirstDeploymentNotes.ACTION)).isEmpty();
    assertThat(notes()).isEmpty();
  }

  @Test
  void anAutoDeployOntoAnAdoptedFirstLinkListsOnlyTheWorkloadsItReplaces() {
    t.cluster.setByHand("test", "main-app", OLD_MAIN, true);

    t.registerBuild(1);

    assertThat(notes()).hasSize(1);
    assertThat(notes().get(0).replaced().images()).containsExactly(Map.entry("main-app", OLD_MAIN));
    assertThat(notes().get(0).promotion().env()).isEqualTo("test");
  }
}
