package dev.baton.registry;

import static dev.baton.testing.PortFailures.assertTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.Registry;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Registry} does, run against the in-memory fake and both real adapters so that
 * they cannot drift apart. Subclasses give the registry and a way to push a new image.
 */
public abstract class RegistryContract {
  /** A digest no test ever pushes. */
  protected static final String UNKNOWN = "sha256:" + "0".repeat(64);

  protected ImageRepository repo;

  /** The registry under test; the same instance for the whole test. */
  protected abstract Registry registry();

  /** Pushes a new, unique image into {@code repository} (creating it) and returns its digest. */
  protected abstract String push(ImageRepository repository);

  /** A repository with this name under the registry's configured name. */
  protected abstract ImageRepository repository(String name);

  @BeforeEach
  void freshRepository() {
    repo = repository("contract/" + UUID.randomUUID().toString().substring(0, 8));
  }

  @Test
  public void anImageThatWasPushedExists() {
    String digest = push(repo);

    assertThat(registry().exists(repo, digest)).isTrue();
  }

  @Test
  public void aDigestThatWasNeverPushedDoesNotExist() {
    push(repo);

    assertThat(registry().exists(repo, UNKNOWN)).isFalse();
  }

  @Test
  public void nothingExistsInARepositoryThatDoesNotExist() {
    String digest = push(repo);

    assertThat(registry().exists(repository("contract/nobody-pushed-here"), digest)).isFalse();
  }

  @Test
  public void aTagThatWasNeverSetResolvesToNothing() {
    push(repo);

    assertThat(registry().resolve(repo, "never-set")).isEmpty();
    assertThat(registry().resolve(repository("contract/nobody-pushed-here"), "latest")).isEmpty();
  }

  /** Tagging once, tagging twice (harmless), a second tag (the digest and image stay). */
  @ParameterizedTest(name = "tagged {0}")
  @ValueSource(strings = {"prod", "prod prod", "latest prod"})
  public void everyTagSetOnADigestResolvesToItAndTheImageStays(String tags) {
    String digest = push(repo);

    tag(digest, tags.split(" "));

    for (String tag : tags.split(" ")) {
      assertTagged(tag, digest);
    }
    assertThat(registry().exists(repo, digest)).isTrue();
  }

  @Test
  public void aTagMovesFromOneDigestToAnotherAndBack() {
    String first = push(repo);
    String second = push(repo);

    tag(first, "prod");
    tag(second, "prod");
    assertTagged("prod", second);

    tag(first, "prod");
    assertTagged("prod", first);
  }

  @Test
  public void taggingADigestThatIsNotThereIsATerminalError() {
    push(repo);

    assertTerminal(() -> registry().tag(repo, UNKNOWN, "prod"));
    assertThat(registry().resolve(repo, "prod")).isEmpty();
  }

  @Test
  public void taggingInARepositoryThatDoesNotExistIsATerminalError() {
    String digest = push(repo);
    ImageRepository missing = repository("contract/nobody-pushed-here");

    assertTerminal(() -> registry().tag(missing, digest, "prod"));
  }

  /** Sets each tag in turn on {@code digest} in this test's repository. */
  private void tag(String digest, String... tags) {
    for (String tag : tags) {
      registry().tag(repo, digest, tag);
    }
  }

  private void assertTagged(String tag, String digest) {
    assertThat(registry().resolve(repo, tag)).as(tag).contains(digest);
  }
}
