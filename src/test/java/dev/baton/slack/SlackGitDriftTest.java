package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.FakeManifestRepository.Sync;
import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A GitOps environment (test, applied from Git) in {@code /baton status} and on the App Home: the
 * branch head's short commit id, each workload's digest in Git against the cluster's, the drift
 * kind in words; the other environments' lines unchanged.
 */
class SlackGitDriftTest {
  @AutoClose
  final BatonSlack baton =
      BatonSlack.withoutHttp(
          Map.of(
              "baton.environments.test.target", "gitops",
              "baton.environments.test.git.url", "https://git.example.com/deploy.git",
              "baton.environments.test.git.path", "apps/{app}/test"));

  static String shortDigest(String seed) {
    return "sha256:" + Fixtures.digest(seed).substring(7, 19);
  }

  @BeforeEach
  void build1CommittedToTest() {
    baton.register(1);
    baton.settle();
  }

  String statusLineOf(String env) {
    String status = baton.slash(Fixtures.DEPLOYER, "/baton", "status").replyText();
    int at = status.indexOf("*" + env + "*");
    assertThat(at).as(status).isNotNegative();
    int end = status.indexOf("\n*", at + 1);
    return end < 0 ? status.substring(at) : status.substring(at, end);
  }

  @Test
  void statusShowsTheCommitEachWorkloadsDigestsAndAgreement() {
    String commit = baton.git.commits().get(0).id();

    assertThat(statusLineOf("TEST"))
        .contains(
            "⎇ Git `"
                + commit
                + "` · `main-app` Git `"
                + shortDigest("main-1")
                + "` = cluster · `worker-app` Git `"
                + shortDigest("worker-1")
                + "` = cluster · ✅ in agreement");
    assertThat(statusLineOf("SANDBOX")).doesNotContain("⎇").doesNotContain("Git");
  }

  @Test
  void aCommitOutsideBatonThatTheControllerHasNotAppliedIsGitAheadOnStatusAndHome() {
    baton.git.sync(Sync.ON_DEMAND);
    baton.git.commitByHand("test", "main-app", "credreg/main-app@" + Fixtures.digest("hand"));
    baton.passes(Duration.ofSeconds(31)); // older board readings are not reused

    String expected =
        "`main-app` Git `"
            + shortDigest("hand")
            + "` cluster `"
            + shortDigest("main-1")
            + "` · `worker-app` Git `"
            + shortDigest("worker-1")
            + "` = cluster · ⚠️ Git is ahead of the cluster (the controller has not synced yet)";
    assertThat(statusLineOf("TEST")).contains(expected);

    baton.openHome(Fixtures.APPROVER_1, "Ev1");
    baton.settle();
    assertThat(baton.lastHomeOf(Fixtures.APPROVER_1)).contains(expected);
  }

  @Test
  void aGitThatCannotBeReadIsShownAsUnknownNeverAsAgreement() {
    baton.gitFaults.inject("git.head test", Faults.Action.RETRYABLE, 1);
    baton.passes(Duration.ofSeconds(31));

    assertThat(statusLineOf("TEST"))
        .contains(
            "⎇ ❔ what Git holds for test could not be read: injected transient failure in git.head"
                + " test")
        .doesNotContain("in agreement");
  }
}
