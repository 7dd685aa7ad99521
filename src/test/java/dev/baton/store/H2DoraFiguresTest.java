package dev.baton.store;

import dev.baton.pipeline.dora.DeliveryHistory;
import dev.baton.pipeline.dora.DoraFiguresContract;
import dev.baton.pipeline.dora.DoraSeed;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.testing.InProcessBaton;
import dev.baton.testing.TestWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The seeded figures through the JDBC store's indexed queries, on H2 in PostgreSQL mode. */
class H2DoraFiguresTest extends DoraFiguresContract {
  private static InProcessBaton baton;

  @BeforeAll
  static void start() {
    baton =
        InProcessBaton.builder()
            .database(InProcessBaton.h2Memory(), "sa", "")
            .world(TestWorld.credreg())
            .start();
    DoraSeed.seed(baton.bean(PipelineStore.class));
  }

  @AfterAll
  static void stop() {
    if (baton != null) {
      baton.close();
    }
  }

  @Override
  protected DeliveryHistory seededHistory() {
    return baton.bean(DoraSql.class);
  }
}
