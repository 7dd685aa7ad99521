package dev.baton.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.Registry;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

  @Test
  public void aTagResolvesToTheDigestItWasSetTo() {
    String digest = push(repo);

    registry().tag(repo, digest, "prod");

    assertThat(registry().resolve(repo, "prod")).contains(digest);
  }

  @Test
  public void taggingTwiceIsHarmlessAndChangesNothing() {
    String digest = push(repo);

    registry().tag(repo, digest, "prod");
    registry().tag(repo, digest, "prod");

    assertThat(registry().resolve(repo, "prod")).contains(digest);
    assertThat(registry().exists(repo, digest)).isTrue();
  }

  @Test
  public void aTagMovesFromOneDigestToAnotherAndBack() {
    String first = push(repo);
    String second = push(repo);

    registry().tag(repo, first, "prod");
    registry().tag(repo, second, "prod");
    assertThat(registry().resolve(repo, "prod")).contains(second);

    registry().tag(repo, first, "prod");
    assertThat(registry().resolve(repo, "prod")).contains(first);
  }

  @Test
  public void retaggingKeepsTheDigestAndTheImage() {
    String digest = push(repo);

    registry().tag(repo, digest, "latest");
    registry().tag(repo, digest, "prod");

    assertThat(registry().resolve(repo, "latest")).contains(digest);
    assertThat(registry().resolve(repo, "prod")).contains(digest);
    assertThat(registry().exists(repo, digest)).isTrue();
  }

  @Test
  public void taggingADigestThatIsNotThereIsATerminalError() {
    push(repo);

    assertThatThrownBy(() -> registry().tag(repo, UNKNOWN, "prod"))
        .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.retryable()).isFalse());
    assertThat(registry().resolve(repo, "prod")).isEmpty();
  }

  @Test
  public void taggingInARepositoryThatDoesNotExistIsATerminalError() {
    String digest = push(repo);
    ImageRepository missing = repository("contract/nobody-pushed-here");

    assertThatThrownBy(() -> registry().tag(missing, digest, "prod"))
        .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.retryable()).isFalse());
  }
}
