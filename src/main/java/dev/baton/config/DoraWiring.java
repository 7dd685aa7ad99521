package dev.baton.config;

import dev.baton.pipeline.dora.DeliveryHistory;
import dev.baton.pipeline.dora.DoraQueries;
import dev.baton.pipeline.dora.StoreDeliveryHistory;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.store.DoraSql;
import dev.baton.store.JdbcPipelineStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The DORA queries over whichever store serves the pipeline. */
@Factory
public class DoraWiring {

  @Singleton
  DoraQueries doraQueries(
      Pipeline pipeline,
      PipelineStore store,
      BeanProvider<DoraSql> sql,
      Clock clock,
      DoraSettings settings) {
    // The JDBC store answers with indexed queries; any other store (an embedding's, a test's)
    // through its generic reads.
    DeliveryHistory history =
        store instanceof JdbcPipelineStore ? sql.get() : new StoreDeliveryHistory(store);
    return new DoraQueries(pipeline, history, clock, settings.failureWindow());
  }

  @Singleton
  DoraMeters doraMeters(
      BeanProvider<MeterRegistry> registry, DoraQueries dora, PipelineStore store, Clock clock) {
    // Without a meter registry (metrics switched off) the meters go nowhere.
    MeterRegistry meters = registry.isPresent() ? registry.get() : new SimpleMeterRegistry();
    return new DoraMeters(meters, dora, store, clock);
  }
}
