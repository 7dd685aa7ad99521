package dev.baton.registry.oci;

import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.Registry;
import dev.baton.registry.RegistryContract;
import dev.baton.registry.TestServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The contract against a real {@code docker-registry} (started by scripts/test-services.sh). */
class OciRegistryContractTest extends RegistryContract {
  private static String url;
  private static OciRegistry registry;
  private static ImagePusher pusher;

  @BeforeAll
  static void connect() {
    url = TestServices.lookup(TestServices.REGISTRY_URL);
    if (url != null) {
      registry = OciRegistries.open("test", url);
      pusher = new ImagePusher(url);
    }
  }

  @BeforeEach
  void requireRegistry() {
    TestServices.assumeSet(url, TestServices.REGISTRY_URL);
  }

  @Override
  protected Registry registry() {
    return registry;
  }

  @Override
  protected String push(ImageRepository repository) {
    return pusher.image(repository.repository(), ImagePusher.Style.OCI).digest();
  }

  @Override
  protected ImageRepository repository(String name) {
    return new ImageRepository("test", name);
  }
}
