package dev.baton.registry.oci;

import dev.baton.pipeline.port.ImageRepository;
import dev.baton.registry.TestServices;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real {@code docker-registry} of {@code scripts/test-services.sh} for a test class: the OCI
 * adapter on it ({@code test}), a pusher, a fresh repository path for each test, and a {@link
 * RegistryProxy} in front of it for the tests that ask for one (closed after the test). Register it
 * on a static field; without {@code BATON_TEST_REGISTRY_URL} every test is skipped (fails on CI).
 */
final class RealRegistry implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {
  String url;
  OciRegistry registry;
  ImagePusher pusher;

  /** This test's repository, {@code credreg/app-…}, empty until the test pushes to it. */
  String path;

  private RegistryProxy proxy;

  @Override
  public void beforeAll(ExtensionContext context) {
    url = TestServices.lookup(TestServices.REGISTRY_URL);
    if (url != null) {
      registry = OciRegistries.open("test", url);
      pusher = new ImagePusher(url);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    TestServices.assumeSet(url, TestServices.REGISTRY_URL);
    path = "credreg/app-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (proxy != null) {
      proxy.close();
      proxy = null;
    }
  }

  /** This test's repository as the adapter named {@code registryName} sees it. */
  ImageRepository repo(String registryName) {
    return new ImageRepository(registryName, path);
  }

  /** A proxy in front of the registry, started on the first call of the test. */
  RegistryProxy proxy() throws IOException {
    if (proxy == null) {
      proxy = new RegistryProxy(url);
    }
    return proxy;
  }
}
