package dev.baton.registry.oci;

import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.Registry;
import dev.baton.registry.RegistryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract against a real {@code docker-registry} (started by scripts/test-services.sh). */
class OciRegistryContractTest extends RegistryContract {
  @RegisterExtension static final RealRegistry REAL = new RealRegistry();

  @Override
  protected Registry registry() {
    return REAL.registry;
  }

  @Override
  protected String push(ImageRepository repository) {
    return REAL.pusher.image(repository.repository(), ImagePusher.Style.OCI).digest();
  }

  @Override
  protected ImageRepository repository(String name) {
    return new ImageRepository("test", name);
  }
}
