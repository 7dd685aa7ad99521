package dev.baton.slack;

import dev.baton.pipeline.port.Cluster;
import dev.baton.pipeline.port.Registry;
import dev.baton.pipeline.port.SmokeChecker;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * In the Slack tests' environment only, the real registry, cluster, smoke checker and clock give
 * way to the fakes of the running {@link BatonSlack}.
 */
@Factory
@Requires(env = BatonSlack.ENVIRONMENT)
class SlackTestBeans {
  @Singleton
  @Replaces(Cluster.class)
  Cluster fakeCluster(BatonSlack.Fakes fakes) {
    return fakes.cluster();
  }

  @Singleton
  @Replaces(Registry.class)
  Registry fakeRegistry(BatonSlack.Fakes fakes) {
    return fakes.registry();
  }

  @Singleton
  @Replaces(SmokeChecker.class)
  SmokeChecker fakeSmoke(BatonSlack.Fakes fakes) {
    return fakes.smoke();
  }

  @Singleton
  @Replaces(Clock.class)
  Clock fakeClock(BatonSlack.Fakes fakes) {
    return fakes.clock();
  }
}
