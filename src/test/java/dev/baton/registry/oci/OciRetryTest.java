package dev.baton.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.PortException;
import dev.baton.registry.Manifests;
import dev.baton.registry.TestServices;
import dev.baton.registry.oci.ImagePusher.Pushed;
import dev.baton.registry.oci.ImagePusher.Style;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transient failures are retried (a few times, quickly in tests), terminal ones are not, and a
 * registry that misbehaves is caught before a tag changes. Failures come from a proxy in front of
 * the real registry.
 */
class OciRetryTest {
  private static String upstream;
  private RegistryProxy proxy;
  private OciRegistry registry;
  private String path;
  private ImageRepository repo;
  private Pushed image;

  @BeforeAll
  static void connect() {
    upstream = TestServices.lookup(TestServices.REGISTRY_URL);
  }

  @BeforeEach
  void start() throws IOException {
    TestServices.assumeSet(upstream, TestServices.REGISTRY_URL);
    proxy = new RegistryProxy(upstream);
    registry =
        OciRegistries.open(
            OciRegistries.settings("test", proxy.url(), null, null, null), Clock.systemUTC());
    path = "credreg/app-" + UUID.randomUUID().toString().substring(0, 8);
    repo = new ImageRepository("test", path);
    image = new ImagePusher(upstream).image(path, Style.OCI);
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
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

    assertThatThrownBy(() -> registry.tag(repo, image.digest(), "prod"))
        .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.retryable()).isTrue())
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

    assertThatThrownBy(() -> registry.exists(repo, image.digest()))
        .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("asked to be called again in 120");
    assertThat(proxy.requests("HEAD")).hasSize(1);
  }

  @Test
  void anUnknownManifestIsNotRetried() {
    String unknown = "sha256:" + "0".repeat(64);

    assertThatThrownBy(() -> registry.tag(repo, unknown, "prod"))
        .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.retryable()).isFalse());

    assertThat(proxy.requests("GET")).hasSize(1);
  }

  @Test
  void aMediaTypeBatonDoesNotHandleIsRefusedWithoutWriting() {
    proxy.manifestContentType = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    assertThatThrownBy(() -> registry.tag(repo, image.digest(), "prod"))
        .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining(
            "media type 'application/vnd.docker.distribution.manifest.v1+prettyjws'")
        .hasMessageContaining(Manifests.OCI_MANIFEST);
    assertThat(proxy.requests("PUT")).isEmpty();
  }

  @Test
  void aRegistryThatStoresTheManifestUnderAnotherDigestIsCaught() {
    proxy.putDigest = "sha256:" + "f".repeat(64);

    assertThatThrownBy(() -> registry.tag(repo, image.digest(), "prod"))
        .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("stored " + path + ":prod as sha256:fff");
  }

  @Test
  void aRegistryThatCannotBeReachedIsARetryableError() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    OciRegistry down =
        OciRegistries.open(
            OciRegistries.settings("down", "http://127.0.0.1:" + port, null, null, null),
            Clock.systemUTC());

    assertThatThrownBy(() -> down.exists(repo, image.digest()))
        .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("registry down")
        .hasMessageContaining("could not talk to http://127.0.0.1:" + port)
        .hasMessageContaining("4 attempts");
  }
}
