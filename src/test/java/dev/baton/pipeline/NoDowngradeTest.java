package dev.baton.pipeline;

import static dev.baton.fakes.Fixtures.DEPLOYER;
import static dev.baton.testing.Recorded.currentTag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.TestPipeline;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A promotion never takes an environment back to a release registered before the one it runs; that
 * is what a rollback is for, and the refusal says which one to ask for.
 */
class NoDowngradeTest {
  private final TestPipeline t = new TestPipeline(Fixtures.credreg(), new InMemoryPipelineStore());

  @Test
  void anOlderReleaseThatRanThereIsRefusedPointingAtTheRollback() {
    String b1 = DeploymentWindowFlowTest.inSandbox(t, 1);
    String b2 = DeploymentWindowFlowTest.inSandbox(t, 2);
    t.core().rollbacks().rollback("test", "credreg", b1, DEPLOYER); // test runs b1 again
    t.advance(Duration.ofMinutes(30));

    Refusal refused =
        catchThrowableOfType(
            () -> t.core().promotions().request("credreg", "sandbox", b1, DEPLOYER), Refusal.class);

    assertThat(refused.kind()).isEqualTo(Refusal.Kind.CONFLICT);
    assertThat(refused.getMessage())
        .isEqualTo(
            b1
                + " is older than what runs in sandbox ("
                + b2
                + "); use /rollback sandbox credreg "
                + b1);
    assertThat(currentTag(t.store, "sandbox")).isEqualTo(b2);
    t.core().rollbacks().rollback("sandbox", "credreg", b1, DEPLOYER);
    assertThat(currentTag(t.store, "sandbox")).isEqualTo(b1); // the rollback it names does it
  }

  @Test
  void anOlderReleaseThatNeverRanThereIsRefusedWithoutSuggestingARollback() {
    String b1 = t.registerBuild(1);
    String b2 = DeploymentWindowFlowTest.inSandbox(t, 2);
    t.core().rollbacks().rollback("test", "credreg", b1, DEPLOYER);
    t.advance(Duration.ofMinutes(30));

    Refusal refused =
        catchThrowableOfType(
            () -> t.core().promotions().request("credreg", "sandbox", b1, DEPLOYER), Refusal.class);

    assertThat(refused.getMessage())
        .startsWith(b1 + " is older than what runs in sandbox (" + b2 + ") and never ran there")
        .doesNotContain("/rollback");
  }

  @Test
  void aNewerReleaseIsPromotedAsBefore() {
    DeploymentWindowFlowTest.inSandbox(t, 1);
    String b2 = DeploymentWindowFlowTest.inSandbox(t, 2);
    assertThat(currentTag(t.store, "sandbox")).isEqualTo(b2);
  }
}
