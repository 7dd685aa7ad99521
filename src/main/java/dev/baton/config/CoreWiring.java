package dev.baton.config;

import dev.baton.metrics.BreakGlassMetrics;
import dev.baton.pipeline.LeaseOwner;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.SystemTimer;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.port.Chat;
import dev.baton.pipeline.port.Cluster;
import dev.baton.pipeline.port.Directory;
import dev.baton.pipeline.port.ManifestRepository;
import dev.baton.pipeline.port.Metrics;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.pipeline.port.PromotionTraces;
import dev.baton.pipeline.port.Registry;
import dev.baton.pipeline.port.SmokeChecker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/** Builds the framework-free core from the configured pipeline and the adapters. */
@Factory
public class CoreWiring {

  @Singleton
  @Secondary
  Clock clock() {
    return Clock.systemUTC();
  }

  @Singleton
  @Secondary
  Directory directory() {
    return Directory.NONE;
  }

  @Singleton
  PipelinePorts ports(
      Pipeline pipeline,
      PipelineStore store,
      Registry registry,
      Cluster cluster,
      SmokeChecker smoke,
      Chat chat,
      Directory directory,
      Clock clock,
      @Nullable MeterRegistry meters,
      PromotionTraces traces,
      ManifestRepository manifests,
      Metrics metrics,
      DoraMeters dora) {
    return new PipelinePorts(
        pipeline,
        store,
        registry,
        cluster,
        smoke,
        dora.observing(meters == null ? chat : new BreakGlassMetrics(chat, meters)),
        directory,
        clock,
        () -> UUID.randomUUID().toString(),
        traces,
        manifests,
        metrics);
  }

  @Singleton
  LeaseOwner leaseOwner(ThisReplica replica) {
    return replica.owner();
  }

  @Singleton
  PipelineCore core(
      PipelinePorts ports,
      @Named(TaskExecutors.BLOCKING) ExecutorService executor,
      LeaseOwner owner,
      RunnerSettings runner) {
    return PipelineCore.create(
        ports,
        executor,
        owner,
        runner.leaseTtl(),
        runner.maxAttempts(),
        new SystemTimer(ports.clock()),
        runner.wakeUpPoll());
  }
}
