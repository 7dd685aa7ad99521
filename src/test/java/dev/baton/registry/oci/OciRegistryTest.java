package dev.baton.registry.oci;

import static dev.baton.testing.PortFailures.assertTerminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.PortException;
import dev.baton.registry.Manifests;
import dev.baton.registry.oci.ImagePusher.Pushed;
import dev.baton.registry.oci.ImagePusher.Style;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The OCI adapter against a real {@code docker-registry}, with images the test pushes itself:
 * single-platform manifests and two-platform indexes, in OCI and Docker media types.
 */
class OciRegistryTest {
  private static final String UNKNOWN = "sha256:" + "0".repeat(64);
  @RegisterExtension static final RealRegistry REAL = new RealRegistry();
  private final OciRegistry registry = REAL.registry;
  private final ImagePusher pusher = REAL.pusher;
  private String path;
  private ImageRepository repo;

  @BeforeEach
  void freshRepository() {
    path = REAL.path;
    repo = REAL.repo("test");
  }

  @ParameterizedTest
  @EnumSource(Style.class)
  void aTwoPlatformIndexIsRetaggedByteForByte(Style style) {
    Pushed index = pusher.index(path, style);

    assertThat(registry.exists(repo, index.digest())).isTrue();
    registry.tag(repo, index.digest(), "prod");

    Pushed byTag = pusher.fetch(path, "prod");
    assertThat(byTag.digest()).isEqualTo(index.digest());
    assertThat(byTag.bytes()).isEqualTo(index.bytes());
    assertThat(Manifests.baseType(byTag.mediaType())).isEqualTo(style.index);
    assertThat(registry.resolve(repo, "prod")).contains(index.digest());
  }

  @ParameterizedTest
  @EnumSource(Style.class)
  void aSinglePlatformManifestIsRetaggedByteForByte(Style style) {
    Pushed image = pusher.image(path, style);

    registry.tag(repo, image.digest(), "latest");

    Pushed byTag = pusher.fetch(path, "latest");
    assertThat(byTag.digest()).isEqualTo(image.digest());
    assertThat(byTag.bytes()).isEqualTo(image.bytes());
    assertThat(Manifests.baseType(byTag.mediaType())).isEqualTo(style.manifest);
  }

  @Test
  void anOciManifestWithoutAMediaTypeFieldKeepsItsTypeFromTheContentType() {
    Pushed image = pusher.image(path, Style.OCI, "amd64", false);

    registry.tag(repo, image.digest(), "prod");

    Pushed byTag = pusher.fetch(path, "prod");
    assertThat(byTag.digest()).isEqualTo(image.digest());
    assertThat(Manifests.baseType(byTag.mediaType())).isEqualTo(Manifests.OCI_MANIFEST);
  }

  @Test
  void movingATagFromAnOciImageToADockerListKeepsEachDigest() {
    Pushed oci = pusher.image(path, Style.OCI);
    Pushed list = pusher.index(path, Style.DOCKER);

    registry.tag(repo, oci.digest(), "prod");
    registry.tag(repo, list.digest(), "prod");

    assertThat(registry.resolve(repo, "prod")).contains(list.digest());
    assertThat(pusher.fetch(path, "prod").bytes()).isEqualTo(list.bytes());
    assertThat(registry.exists(repo, oci.digest())).isTrue();
  }

  @Test
  void aMissingImageIsATerminalErrorThatSaysWhichImageAndWhatToDo() {
    pusher.image(path, Style.OCI);

    assertThat(registry.exists(repo, UNKNOWN)).isFalse();
    assertTerminal(() -> registry.tag(repo, UNKNOWN, "prod"))
        .hasMessageContaining("registry test")
        .hasMessageContaining(path + "@" + UNKNOWN)
        .hasMessageContaining("MANIFEST_UNKNOWN")
        .hasMessageContaining("push the image first");
  }

  @Test
  void aMissingRepositoryAnswersNoImageNoTagAndRefusesToTag() {
    Pushed image = pusher.image(path, Style.OCI);
    ImageRepository missing = new ImageRepository("test", "credreg/never-pushed");

    assertThat(registry.exists(missing, image.digest())).isFalse();
    assertThat(registry.resolve(missing, "prod")).isEmpty();
    assertTerminal(() -> registry.tag(missing, image.digest(), "prod"))
        .hasMessageContaining("credreg/never-pushed@" + image.digest())
        .hasMessageContaining("is not in registry test")
        .hasMessageContaining("the workload's repository");
  }

  @Test
  void aWorkloadRepositoryMayNameTheRegistryHost() {
    Pushed image = pusher.image(path, Style.DOCKER);
    URI u = URI.create(REAL.url);
    ImageRepository withHost =
        new ImageRepository("test", u.getHost() + ":" + u.getPort() + "/" + path);

    registry.tag(withHost, image.digest(), "prod");

    assertThat(registry.resolve(repo, "prod")).contains(image.digest());
  }

  @Test
  void aRepositoryOnAnotherHostIsRefusedBeforeAnythingIsSent() {
    ImageRepository elsewhere = new ImageRepository("test", "ghcr.io/acme/" + path);

    assertTerminal(() -> registry.exists(elsewhere, UNKNOWN))
        .hasMessageContaining("names the host ghcr.io");
    assertThat(registry.repositoryProblem("ghcr.io/acme/app")).isPresent();
    assertThat(registry.repositoryProblem("acme/app")).isEmpty();
  }

  @Test
  void malformedDigestsAndTagsAreRefused() {
    assertThatThrownBy(() -> registry.exists(repo, "sha256:abc"))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("is not a digest");
    assertThatThrownBy(() -> registry.tag(repo, UNKNOWN, "-bad tag"))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("is not a valid image tag");
  }
}
