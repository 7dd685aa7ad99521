package dev.baton.pipeline.dora;

import dev.baton.fakes.InMemoryPipelineStore;
import org.junit.jupiter.api.BeforeEach;

/** The seeded figures through the generic history over the in-memory store. */
class InMemoryDoraFiguresTest extends DoraFiguresContract {
  private final InMemoryPipelineStore store = new InMemoryPipelineStore();

  @BeforeEach
  void seed() {
    DoraSeed.seed(store);
  }

  @Override
  protected DeliveryHistory seededHistory() {
    return new StoreDeliveryHistory(store);
  }
}
