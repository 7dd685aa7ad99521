package dev.baton.registry.ecr;

import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.Registry;
import dev.baton.registry.Manifests;
import dev.baton.registry.RegistryContract;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract against the ECR adapter, over a local server speaking ECR's JSON protocol. */
class EcrRegistryContractTest extends RegistryContract {
  private static EcrStandIn standIn;
  private static EcrRegistry registry;

  @BeforeAll
  static void start() throws IOException {
    standIn = new EcrStandIn();
    registry = EcrImages.open(standIn);
  }

  @AfterAll
  static void stop() {
    registry.close();
    standIn.close();
  }

  @Override
  protected Registry registry() {
    return registry;
  }

  @Override
  protected String push(ImageRepository repository) {
    return standIn.push(repository.repository(), EcrImages.manifest(), Manifests.DOCKER_MANIFEST);
  }

  @Override
  protected ImageRepository repository(String name) {
    return new ImageRepository("aws", name);
  }
}
