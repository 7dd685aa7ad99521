package dev.baton.registry.oci;

import static dev.baton.testing.PortFailures.assertRetryable;
import static dev.baton.testing.PortFailures.assertTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.port.ImageRepository;
import dev.baton.registry.Manifests;
import dev.baton.registry.TestAdapters;
import dev.baton.registry.oci.ImagePusher.Pushed;
import dev.baton.registry.oci.ImagePusher.Style;
import java.io.IOException;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Transient failures are retried (a few times, quickly in tests), terminal ones are not, and a
 * registry that misbehaves is caught before a tag changes. Failures come from a proxy in front of
 * the real registry.
 */
class OciRetryTest {
  @RegisterExtension static final RealRegistry REAL = new RealRegistry();
  private RegistryProxy proxy;
  private OciRegistry registry;
  private String path;
  private ImageRepository repo;
  private Pushed image;

  @BeforeEach
  void start() throws IOException {
    proxy = REAL.proxy();
    registry = OciRegistries.open("test", proxy.url());
    path = REAL.path;
    repo = REAL.repo("test");
    image = REAL.pusher.image(path, Style.OCI);
  }

  @Test
  void serverErrorsThatPassAreRetried() {
    proxy.failNext(503, 2, null);

    assertThat(registry.exists(repo, image.digest())).isTrue();
    assertThat(proxy.requests("HEAD")).hasSize(3);
  }

  @Test
  void tooManyRequestsIsRetriedAfterTheTimeTheRegistryAsksFor() {
    proxy.failNext(429, 1, "0");

    registry.tag(repo, image.digest(), "prod");

    assertThat(registry.resolve(repo, "prod")).contains(image.digest());
  }

  @Test
  void aServerErrorThatPersistsEndsAfterTheAttemptsWithARetryableError() {
    proxy.failNext(502, 100, null);

    assertRetryable(() -> registry.tag(repo, image.digest(), "prod"))
        .hasMessageContaining("registry test")
        .hasMessageContaining("tagging " + path + "@" + image.digest() + " as prod")
        .hasMessageContaining("HTTP 502")
        .hasMessageContaining("4 attempts");
    assertThat(proxy.requests("HEAD")).hasSize(4);
    assertThat(proxy.requests("PUT")).isEmpty();
  }

  @Test
  void aRetryAfterLongerThanTheLongestWaitStopsAtOnce() {
    proxy.failNext(429, 1, "120");

    assertRetryable(() -> registry.exists(repo, image.digest()))
        .hasMessageContaining("asked to be called again in 120");
    assertThat(proxy.requests("HEAD")).hasSize(1);
  }

  @Test
  void anUnknownManifestIsNotRetried() {
    String unknown = "sha256:" + "0".repeat(64);

    assertTerminal(() -> registry.tag(repo, unknown, "prod"));

    assertThat(proxy.requests("GET")).hasSize(1);
  }

  @Test
  void aMediaTypeBatonDoesNotHandleIsRefusedWithoutWriting() {
    proxy.manifestContentType = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    assertTerminal(() -> registry.tag(repo, image.digest(), "prod"))
        .hasMessageContaining(
            "media type 'application/vnd.docker.distribution.manifest.v1+prettyjws'")
        .hasMessageContaining(Manifests.OCI_MANIFEST);
    assertThat(proxy.requests("PUT")).isEmpty();
  }

  @Test
  void aRegistryThatStoresTheManifestUnderAnotherDigestIsCaught() {
    proxy.putDigest = "sha256:" + "f".repeat(64);

    assertTerminal(() -> registry.tag(repo, image.digest(), "prod"))
        .hasMessageContaining("stored " + path + ":prod as sha256:fff");
  }

  @Test
  void aRegistryThatCannotBeReachedIsARetryableError() {
    int port = TestAdapters.unusedPort();
    OciRegistry down =
        OciRegistries.open(
            OciRegistries.settings("down", "http://127.0.0.1:" + port, null, null, null),
            Clock.systemUTC());

    assertRetryable(() -> down.exists(repo, image.digest()))
        .hasMessageContaining("registry down")
        .hasMessageContaining("could not talk to http://127.0.0.1:" + port)
        .hasMessageContaining("4 attempts");
  }
}
