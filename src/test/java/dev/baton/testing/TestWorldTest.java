package dev.baton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.FakeCluster;
import dev.baton.fakes.FakeRegistry;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.MutableClock;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.PipelineStore;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The world's two renderings are one pipeline: its {@code baton.*} properties, read by Baton's own
 * configuration code, give exactly its records, for every variant the tests use.
 */
class TestWorldTest {
  static Stream<Arguments> worlds() {
    return Stream.of(
        Arguments.of("the standard world", TestWorld.credreg()),
        Arguments.of("without auto-rollback", TestWorld.credreg().autoRollback(false)),
        Arguments.of(
            "the HTTP API's (no smoke check, two approvers, one deployer)",
            TestWorld.credreg()
                .withoutSmokeCheck()
                .approvers(Fixtures.APPROVER_1, Fixtures.APPROVER_2)
                .deployers("prod", Fixtures.DEPLOYER)),
        Arguments.of(
            "Slack's (a channel, a group approves, no migration)",
            TestWorld.credreg()
                .channel("#credreg-deploys")
                .withoutMigration()
                .withoutSmokeCheck()
                .approvers(Fixtures.APPROVER_1, Fixtures.APPROVER_2, Fixtures.DEPLOYER, "SRELEASE")
                .deployers("sandbox")
                .deployers("prod", Fixtures.DEPLOYER)
                .admins(Fixtures.ADMIN)),
        Arguments.of(
            "with windows and a blackout in prod and a window in test",
            TestWorld.credreg()
                .window("prod", "MON-THU", "09:00", "16:00", "Europe/Berlin")
                .window("prod", "FRI", "22:00", "02:00", "Europe/Berlin")
                .blackout(
                    "prod", "2026-12-20T00:00", "2027-01-04T09:00", "Europe/Berlin", "holiday")
                .window("test", "MON,WED,FRI", "07:30", "18:00", "America/New_York")),
        Arguments.of(
            "on a cluster, with a smoke check of its own",
            TestWorld.credreg()
                .cluster("/tmp/kubeconfig", "mock")
                .smokeCheck("http://127.0.0.1:8123/health", Duration.ofSeconds(5))),
        Arguments.of(
            "test → prod without bake, as the benchmarks run it",
            TestWorld.credreg()
                .chain("test", "prod")
                .prodBake(Duration.ZERO)
                .withoutMigration()
                .withoutSmokeCheck()
                .channel("#credreg-deploys")
                .approvers(Fixtures.APPROVER_1, Fixtures.APPROVER_2)
                .deployers("prod", Fixtures.DEPLOYER)
                .cluster("/tmp/kubeconfig", "mock")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("worlds")
  void thePropertiesConfigureTheRecordsPipeline(String variant, TestWorld world) {
    try (InProcessBaton baton =
        InProcessBaton.builder().world(world).singletons(new FakeRegistry()).start()) {
      assertThat(baton.bean(Pipeline.class)).isEqualTo(world.pipeline());
    }
  }

  @Test
  void aBuildIsPushedWithTheDigestsItRegisters() {
    FakeRegistry registry = new FakeRegistry();

    var build = TestWorld.pushed(registry, 7);

    assertThat(build.tag()).isEqualTo(Fixtures.tag(7));
    assertThat(build.digests())
        .containsEntry("main-app", Fixtures.digest("main-7"))
        .containsEntry("worker-app", Fixtures.digest("worker-7"));
    assertThat(
            registry.exists(
                new ImageRepository("default", "credreg/main-app"), Fixtures.digest("main-7")))
        .isTrue();
  }

  @Test
  void theInProcessExampleOfTheTestingGuideRuns() throws Exception {
    String token = "read-token";
    FakeRegistry registry = new FakeRegistry();
    FakeCluster cluster = new FakeCluster();
    MutableClock clock = new MutableClock(Builders.NOW);
    // as in docs/testing.md
    try (InProcessBaton baton =
        InProcessBaton.builder()
            .world(TestWorld.credreg().withoutSmokeCheck()) // its baton.* properties
            .property("baton.api.read-token", token) // anything else; later keys win
            .singletons(registry, cluster, clock) // beans that replace Baton's own
            .withServer() // HTTP on a random port: baton.uri("/api/v1/apps")
            .start()) {
      baton.bean(PipelineCore.class).builds().register(TestWorld.pushed(registry, 1), "ci");

      HttpResponse<String> apps =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(baton.uri("/api/v1/apps"))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(apps.statusCode()).isEqualTo(200);
      assertThat(apps.body()).contains("credreg");
      PipelineStore store = baton.bean(PipelineCore.class).ports().store();
      assertThat(store.read(r -> r.release("credreg", Fixtures.tag(1))).isPresent()).isTrue();
    }
  }
}
