package dev.baton.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.registry.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitOps end to end: prod promoted by a commit on the real Git server of {@code
 * scripts/test-services.sh}, applied to fabric8's mock API server by the stand-in GitOps
 * controller, the rollout completed by the fake Deployment controller — and every failure of a
 * GitOps environment, each with what the thread says, what the audit log holds and nothing
 * half-done.
 */
@Timeout(120)
class GitOpsEndToEndTest {
  static final String URL = TestServices.lookup("BATON_TEST_GIT_HTTP_URL");
  static final String TOKEN = TestServices.lookup("BATON_TEST_GIT_TOKEN");
  static final String ROOT = TestServices.lookup("BATON_TEST_GIT_ROOT");
  static final String MAIN_1 = "credreg/main-app@" + Fixtures.digest("main-1");
  static final String WORKER_1 = "credreg/worker-app@" + Fixtures.digest("worker-1");
  static final String MAIN_2 = "credreg/main-app@" + Fixtures.digest("main-2");

  @TempDir Path dir;
  GitOpsOnMockCluster g;
  PipelineCore core;

  @BeforeEach
  void setUp() throws Exception {
    TestServices.assumeSet(URL, "BATON_TEST_GIT_HTTP_URL");
    g = new GitOpsOnMockCluster(dir, URL, TOKEN, ROOT, GitOpsOnMockCluster.SEED);
    core = g.core("replica-a", g.repository(TOKEN));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (g != null) {
      g.close();
    }
  }

  @Test
  void aPromotionIsOneCommitWithTrailersThatTheControllerAppliesAndBatonRecords() throws Exception {
    String b1 = g.registerBuild(core, 1);
    assertThat(g.current("test")).isEqualTo(b1);
    var seeded = g.head();

    Promotion p = g.runUntilEnded(g.promoteToProd(core).id(), Duration.ofMinutes(1));

    assertThat(p.state()).as(String.valueOf(p.reason())).isEqualTo(PromotionState.SUCCEEDED);
    List<RevCommit> log = g.log();
    assertThat(log).hasSize(2);
    RevCommit commit = log.get(0);
    assertThat(commit.getParent(0)).isEqualTo(seeded);
    assertThat(commit.getFullMessage())
        .startsWith("credreg: " + b1 + " to prod (promotion)")
        .contains("requested by " + Fixtures.DEPLOYER)
        .contains("approved by " + Fixtures.APPROVER_1 + ", " + Fixtures.APPROVER_2)
        .endsWith("Baton-Promotion: " + p.id() + "\nBaton-Release: " + b1 + "\n")
        .doesNotContain(TOKEN);
    assertThat(g.fileAtHead(GitOpsOnMockCluster.FILE))
        .as("only the image lines changed")
        .isEqualTo(
            GitOpsOnMockCluster.SEED
                .replace(
                    "    newTag: bootstrap\n", "    digest: " + Fixtures.digest("main-1") + "\n")
                .replace(
                    "    newTag: \"bootstrap\"\n",
                    "    digest: " + Fixtures.digest("worker-1") + "\n"));
    assertThat(g.controller.applied()).last().extracting(a -> a.commit()).isEqualTo(commit.name());
    assertThat(g.imageIn("prod", "main-app", "app")).isEqualTo(MAIN_1);
    assertThat(g.imageIn("prod", "worker-app", "worker")).isEqualTo(WORKER_1);
    assertThat(g.current("prod")).isEqualTo(b1);
    assertThat(g.chatAbout(p.id()))
        .contains("SET_IMAGES: committed " + commit.name().substring(0, 12));
    assertThat(g.audit(p.id())).extracting(AuditEvent::action).contains("promotion.succeeded");
  }
}
