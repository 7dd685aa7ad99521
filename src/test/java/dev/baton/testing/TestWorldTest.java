package dev.baton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.FakeRegistry;
import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.port.ImageRepository;
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
                .deployers(Fixtures.DEPLOYER)),
        Arguments.of(
            "Slack's (a channel, a group approves, no migration)",
            TestWorld.credreg()
                .channel("#credreg-deploys")
                .withoutMigration()
                .withoutSmokeCheck()
                .approvers(Fixtures.APPROVER_1, Fixtures.APPROVER_2, Fixtures.DEPLOYER, "SRELEASE")
                .deployers(Fixtures.DEPLOYER)),
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
                .channel("#credreg-deploys")));
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
}
