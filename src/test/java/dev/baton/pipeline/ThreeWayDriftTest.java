package dev.baton.pipeline;

import static dev.baton.testing.Builders.aDeployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.ThreeWayDrift.Kind;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.port.ManifestRepository.Head;
import dev.baton.pipeline.port.RunningWorkload;
import dev.baton.testing.Builders;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every kind of three-way drift, read from the inventory, the branch head and the cluster. */
class ThreeWayDriftTest {
  static final AppDefinition CREDREG = Fixtures.credreg().app("credreg").orElseThrow();
  static final String COMMIT = "3f2a9c1d0b4e5f60718293a4b5c6d7e8f9012345";

  static String main(int build) {
    return "credreg/main-app@" + Builders.credregDigests(build).get("main-app");
  }

  static String worker(int build) {
    return "credreg/worker-app@" + Builders.credregDigests(build).get("worker-app");
  }

  static Optional<Deployment> inventory(int build) {
    return Optional.of(
        aDeployment().release(Fixtures.tag(build), Builders.credregDigests(build)).build());
  }

  static Head git(String mainImage, String workerImage) {
    return new Head(COMMIT, Map.of("main-app", mainImage, "worker-app", workerImage));
  }

  static Map<String, RunningWorkload> cluster(String mainImage, String workerImage) {
    return Map.of(
        "main-app", running("main-app", mainImage),
        "worker-app", running("worker-app", workerImage));
  }

  static RunningWorkload running(String workload, String image) {
    return new RunningWorkload(workload, image, ThreeWayDrift.digestOf(image), true);
  }

  static ThreeWayDrift drift(
      Optional<Deployment> inventory, Head git, Map<String, RunningWorkload> cluster) {
    return ThreeWayDrift.of("sandbox", CREDREG, inventory, git, "refused", cluster, "down");
  }

  @Test
  void inventoryGitAndClusterNamingTheSameDigestsAgree() {
    ThreeWayDrift d = drift(inventory(1), git(main(1), worker(1)), cluster(main(1), worker(1)));

    assertThat(d.kind()).isEqualTo(Kind.AGREE);
    assertThat(d.workloads()).allMatch(w -> w.kind() == Kind.AGREE);
    assertThat(d.shortCommit()).isEqualTo("3f2a9c1d0b4e");
    assertThat(d.kind().gitAndClusterMayDisagree()).isFalse();
  }

  @Test
  void theSameDigestUnderAnotherSpellingOfTheRepositoryAgrees() {
    String gitMain = "ghcr.io/acme/main-app@" + Builders.credregDigests(1).get("main-app");

    ThreeWayDrift d = drift(inventory(1), git(gitMain, worker(1)), cluster(main(1), worker(1)));

    assertThat(d.kind()).isEqualTo(Kind.AGREE);
  }

  @Test
  void gitNamingANewerReleaseWhileTheClusterRunsTheRecordedOneIsGitAhead() {
    ThreeWayDrift d = drift(inventory(1), git(main(2), worker(1)), cluster(main(1), worker(1)));

    assertThat(d.kind()).isEqualTo(Kind.GIT_AHEAD);
    assertThat(d.workloads().get(0).kind()).isEqualTo(Kind.GIT_AHEAD);
    assertThat(d.workloads().get(1).kind()).isEqualTo(Kind.AGREE);
    assertThat(d.kind().gitAndClusterMayDisagree()).isTrue();
    assertThat(d.describe())
        .isEqualTo(
            "in sandbox Git (3f2a9c1d0b4e) holds main-app sha256:"
                + Builders.credregDigests(2).get("main-app").substring(7, 19)
                + ", worker-app sha256:"
                + Builders.credregDigests(1).get("worker-app").substring(7, 19)
                + "; the cluster runs main-app sha256:"
                + Builders.credregDigests(1).get("main-app").substring(7, 19)
                + ", worker-app sha256:"
                + Builders.credregDigests(1).get("worker-app").substring(7, 19)
                + ": Git is ahead of the cluster (the controller has not synced yet)");
  }

  @Test
  void aClusterRunningWhatNeitherGitNorTheInventoryNamesDiffers() {
    ThreeWayDrift d =
        drift(inventory(1), git(main(1), worker(1)), cluster("credreg/main-app:hotfix", worker(1)));

    assertThat(d.kind()).isEqualTo(Kind.CLUSTER_DIFFERS);
    assertThat(d.workloads().get(0).cluster()).isEqualTo("credreg/main-app:hotfix");
    assertThat(d.describe())
        .contains("the cluster runs main-app credreg/main-app:hotfix")
        .endsWith("the cluster differs from Git (drift, a self-heal pending or a change by hand)");
  }

  @Test
  void aWorkloadMissingFromTheClusterDiffers() {
    ThreeWayDrift d =
        drift(
            inventory(1),
            git(main(1), worker(1)),
            Map.of("main-app", running("main-app", main(1))));

    assertThat(d.workloads().get(1).kind()).isEqualTo(Kind.CLUSTER_DIFFERS);
    assertThat(d.describe()).contains("worker-app nothing");
  }

  @Test
  void gitAndClusterAgreeingOnWhatTheInventoryDoesNotRecordIsACommitOutsideBaton() {
    ThreeWayDrift d = drift(inventory(1), git(main(2), worker(2)), cluster(main(2), worker(2)));

    assertThat(d.kind()).isEqualTo(Kind.INVENTORY_DIFFERS);
    assertThat(d.kind().gitAndClusterMayDisagree()).isFalse();
    assertThat(d.kind().words())
        .isEqualTo("the inventory differs from Git (a commit made outside Baton)");
  }

  @Test
  void anEnvironmentBatonHasRecordedNothingInIsAnInventoryDifference() {
    ThreeWayDrift d = drift(Optional.empty(), git(main(1), worker(1)), cluster(main(1), worker(1)));

    assertThat(d.kind()).isEqualTo(Kind.INVENTORY_DIFFERS);
    assertThat(d.workloads().get(0).inventory()).isNull();
  }

  @Test
  void anUnreadableGitIsUnknownNeverAgreement() {
    ThreeWayDrift d = drift(inventory(1), null, cluster(main(1), worker(1)));

    assertThat(d.kind()).isEqualTo(Kind.GIT_UNREADABLE);
    assertThat(d.kind().unknown()).isTrue();
    assertThat(d.kind().gitAndClusterMayDisagree()).isTrue();
    assertThat(d.gitError()).isEqualTo("refused");
    assertThat(d.gitCommit()).isNull();
    assertThat(d.describe()).isEqualTo("what Git holds for sandbox could not be read: refused");
  }

  @Test
  void anUnreadableClusterIsUnknown() {
    ThreeWayDrift d = drift(inventory(1), git(main(1), worker(1)), null);

    assertThat(d.kind()).isEqualTo(Kind.CLUSTER_UNREADABLE);
    assertThat(d.clusterError()).isEqualTo("down");
    assertThat(d.describe()).isEqualTo("what runs in sandbox could not be read: down");
  }

  @Test
  void theAppTakesItsMostSeriousWorkloadsKind() {
    ThreeWayDrift d =
        drift(inventory(1), git(main(2), worker(1)), cluster(main(1), "credreg/worker-app:x"));

    assertThat(d.workloads())
        .extracting(ThreeWayDrift.WorkloadDrift::kind)
        .containsExactly(Kind.GIT_AHEAD, Kind.CLUSTER_DIFFERS);
    assertThat(d.kind()).isEqualTo(Kind.CLUSTER_DIFFERS);
  }

  @Test
  void referencesWithoutDigestsCompareAsText() {
    assertThat(ThreeWayDrift.sameImage("repo:1", "repo:1")).isTrue();
    assertThat(ThreeWayDrift.sameImage("repo:1", "repo:2")).isFalse();
    assertThat(ThreeWayDrift.sameImage("repo:1", null)).isFalse();
    assertThat(ThreeWayDrift.classify(null, null, null)).isEqualTo(Kind.CLUSTER_DIFFERS);
  }
}
