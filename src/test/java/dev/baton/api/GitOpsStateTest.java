package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.FakeCluster;
import dev.baton.fakes.FakeManifestRepository;
import dev.baton.fakes.FakeManifestRepository.Sync;
import dev.baton.fakes.FakeRegistry;
import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.MutableClock;
import dev.baton.pipeline.PipelineCore;
import dev.baton.testing.InProcessBaton;
import dev.baton.testing.TestWorld;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The state API of an app whose first environment (test) is applied from Git: its {@code git} names
 * the branch head's commit, each workload's digest in Git and in the cluster, and the drift kind;
 * the other environments' {@code git} is null.
 */
class GitOpsStateTest {
  static final String TOKEN = "read-token-for-gitops-state";

  final Faults faults = new Faults();
  final FakeRegistry registry = new FakeRegistry();
  final FakeCluster cluster = new FakeCluster();
  final FakeManifestRepository git = new FakeManifestRepository(faults, cluster);
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
  InProcessBaton baton;

  @BeforeEach
  void start() throws InterruptedException {
    baton =
        InProcessBaton.builder()
            .world(TestWorld.credreg().withoutSmokeCheck())
            .property("baton.api.read-token", TOKEN)
            .property("baton.environments.test.target", "gitops")
            .property("baton.environments.test.git.url", "https://git.example.com/deploy.git")
            .property("baton.environments.test.git.path", "apps/{app}/test")
            .singletons(registry, cluster, clock, git)
            .withServer()
            .start();
    PipelineCore core = baton.bean(PipelineCore.class);
    core.builds().register(TestWorld.pushed(registry, 1), "ci");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (core.queries().currentDeployment("credreg", "test").isEmpty()
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(git.commits()).as("build 1 committed to test's branch").hasSize(1);
  }

  @AfterEach
  void stop() {
    baton.close();
  }

  JsonNode state() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(baton.uri("/api/v1/apps/credreg"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return baton.bean(JsonMapper.class).readValue(r.body(), JsonNode.class);
  }

  @Test
  void aGitOpsEnvironmentInAgreementShowsItsCommitAndEachWorkloadsDigests() throws Exception {
    JsonNode test = state().get("environments").get(0);
    JsonNode g = test.get("git");

    assertThat(g.get("commit").getStringValue()).isEqualTo(git.commits().get(0).id());
    assertThat(g.get("shortCommit").getStringValue()).isEqualTo(git.commits().get(0).id());
    assertThat(g.get("kind").getStringValue()).isEqualTo("AGREE");
    assertThat(g.get("drift").getStringValue()).isEqualTo("in agreement");
    JsonNode main = g.get("workloads").get(0);
    assertThat(main.get("workload").getStringValue()).isEqualTo("main-app");
    assertThat(main.get("gitImage").getStringValue())
        .isEqualTo("credreg/main-app@" + Fixtures.digest("main-1"));
    assertThat(main.get("gitDigest").getStringValue()).isEqualTo(Fixtures.digest("main-1"));
    assertThat(main.get("clusterDigest").getStringValue()).isEqualTo(Fixtures.digest("main-1"));
    assertThat(main.get("inventoryDigest").getStringValue()).isEqualTo(Fixtures.digest("main-1"));
    assertThat(main.get("kind").getStringValue()).isEqualTo("AGREE");
    assertThat(state().get("environments").get(1).get("git").isNull())
        .as("sandbox is not a GitOps environment")
        .isTrue();
  }

  @Test
  void aCommitOutsideBatonNotYetSyncedIsGitAheadWithBothDigests() throws Exception {
    git.sync(Sync.ON_DEMAND);
    git.commitByHand("test", "main-app", "credreg/main-app@" + Fixtures.digest("hand"));

    JsonNode g = state().get("environments").get(0).get("git");

    assertThat(g.get("commit").getStringValue()).isEqualTo(git.commits().get(1).id());
    assertThat(g.get("kind").getStringValue()).isEqualTo("GIT_AHEAD");
    assertThat(g.get("drift").getStringValue())
        .isEqualTo("Git is ahead of the cluster (the controller has not synced yet)");
    JsonNode main = g.get("workloads").get(0);
    assertThat(main.get("gitDigest").getStringValue()).isEqualTo(Fixtures.digest("hand"));
    assertThat(main.get("clusterDigest").getStringValue()).isEqualTo(Fixtures.digest("main-1"));
    assertThat(main.get("kind").getStringValue()).isEqualTo("GIT_AHEAD");
    assertThat(g.get("workloads").get(1).get("kind").getStringValue()).isEqualTo("AGREE");
  }

  @Test
  void aGitThatCannotBeReadIsUnknown() throws Exception {
    faults.inject("git.head test", Faults.Action.TERMINAL, 1);

    JsonNode g = state().get("environments").get(0).get("git");

    assertThat(g.get("kind").getStringValue()).isEqualTo("GIT_UNREADABLE");
    assertThat(g.get("commit").isNull()).isTrue();
    assertThat(g.get("drift").getStringValue())
        .startsWith("what Git holds for test could not be read: ");
    assertThat(g.get("workloads").get(0).get("gitImage").isNull()).isTrue();
  }
}
