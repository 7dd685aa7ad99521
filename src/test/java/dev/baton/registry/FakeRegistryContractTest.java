package dev.baton.registry;

import dev.baton.fakes.FakeRegistry;
import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.Registry;
import java.util.UUID;

/** The contract against the in-memory fake the core's tests use. */
class FakeRegistryContractTest extends RegistryContract {
  private final FakeRegistry fake = new FakeRegistry();

  @Override
  protected Registry registry() {
    return fake;
  }

  @Override
  protected String push(ImageRepository repository) {
    String digest = Manifests.sha256(UUID.randomUUID().toString());
    fake.push(repository.registry(), repository.repository(), digest);
    return digest;
  }

  @Override
  protected ImageRepository repository(String name) {
    return new ImageRepository("default", name);
  }
}
