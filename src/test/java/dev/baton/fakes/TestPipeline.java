package dev.baton.fakes;

import dev.baton.pipeline.LeaseOwner;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.port.Directory;
import dev.baton.pipeline.port.Metrics;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.pipeline.port.PromotionTraces;
import dev.baton.testing.TestWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The core wired over fakes and a given store, with promotions executed synchronously in the
 * calling thread. {@link #restart()} simulates a new process on the same store and fakes.
 */
public final class TestPipeline {
  public final Pipeline pipeline;
  public final PipelineStore store;
  public final Faults faults = new Faults();
  public final FakeRegistry registry = new FakeRegistry(faults);
  public final FakeCluster cluster = new FakeCluster(faults);
  public final RecordingChat chat = new RecordingChat();
  public final FakeManifestRepository git = new FakeManifestRepository(faults, cluster);
  public final FakeMetrics metrics = new FakeMetrics();
  public final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));

  /** Runs the core's wake-ups when a test calls {@link #advance}; never on its own. */
  public final ManualTimer timer = new ManualTimer(clock);

  public final Duration leaseTtl = Duration.ofSeconds(30);
  private final AtomicLong ids = new AtomicLong();
  private String instanceId;
  private Executor executor = Runnable::run;
  private PipelineCore core;
  private PromotionTraces traces = PromotionTraces.OFF;
  private Metrics metricsPort = metrics;

  public TestPipeline(Pipeline pipeline, PipelineStore store) {
    this(pipeline, store, "replica-a");
  }

  public TestPipeline(Pipeline pipeline, PipelineStore store, String instanceId) {
    this.pipeline = pipeline;
    this.store = store;
    this.instanceId = instanceId;
    this.core = build();
  }

  private PipelineCore build() {
    Directory directory = Fixtures.directory();
    PipelinePorts ports =
        new PipelinePorts(
            pipeline,
            store,
            registry,
            cluster,
            new FakeSmokeChecker(faults),
            chat,
            directory,
            clock,
            () -> String.format("p%07d", ids.incrementAndGet()) + "-" + instanceId,
            traces,
            git,
            metricsPort);
    PipelineCore built =
        PipelineCore.create(
            ports,
            executor,
            LeaseOwner.forInstance(instanceId),
            leaseTtl,
            3,
            timer,
            Duration.ofSeconds(1));
    built.wakeUps().start();
    return built;
  }

  /** A second core (another replica) on the same store and fakes, executing on {@code executor}. */
  public PipelineCore replica(String otherInstanceId, Executor exec) {
    String saved = instanceId;
    Executor savedExec = executor;
    instanceId = otherInstanceId;
    executor = exec;
    try {
      return build();
    } finally {
      instanceId = saved;
      executor = savedExec;
    }
  }

  /** From now on (this process and the next) promotions are traced into {@code into}. */
  public void traceInto(PromotionTraces into) {
    traces = into;
    core.wakeUps().stop();
    core = build();
  }

  /** From now on (this process and the next) metrics come from {@code real}, not the fake. */
  public void useMetrics(Metrics real) {
    metricsPort = real;
    core.wakeUps().stop();
    core = build();
  }

  public PipelineCore core() {
    return core;
  }

  /** A new process of the same instance on the same store: in-memory state is gone. */
  public void restart() {
    faults.clear();
    core.wakeUps().stop();
    core = build();
  }

  /** Another replica takes over: it must wait for the dead one's leases to expire. */
  public void failOverTo(String otherInstanceId) {
    faults.clear();
    core.wakeUps().stop();
    instanceId = otherInstanceId;
    core = build();
  }

  /** Moves the clock and runs the wake-ups that are due: time passing, without any sweep. */
  public void advance(Duration d) {
    clock.advance(d);
    timer.runDue();
  }

  public String instanceId() {
    return instanceId;
  }

  /** Pushes the images of build {@code n} to the registry and registers it as CI would. */
  public String registerBuild(int n) {
    core.builds().register(TestWorld.pushed(registry, n), "ci");
    return Fixtures.tag(n);
  }
}
