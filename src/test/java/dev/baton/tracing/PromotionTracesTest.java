package dev.baton.tracing;

import static dev.baton.fakes.Fixtures.APPROVER_1;
import static dev.baton.fakes.Fixtures.APPROVER_2;
import static dev.baton.fakes.Fixtures.DEPLOYER;
import static dev.baton.testing.Recorded.latestPromotion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.SimulatedCrash;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.AuditQuery;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every promotion is one trace: the root spans request to outcome; approvals, each step attempt, a
 * resumption and the outcome are its children, whichever process recorded them.
 */
class PromotionTracesTest {
  private final TestPipeline t = new TestPipeline(Fixtures.credreg(), new InMemoryPipelineStore());
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();

  PromotionTracesTest() {
    t.traceInto(tracesInto(spans));
  }

  static OtelPromotionTraces tracesInto(InMemorySpanExporter exporter) {
    PresetIds ids = new PresetIds();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setIdGenerator(ids)
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    return new OtelPromotionTraces(provider.get(TracingFactory.SCOPE), ids);
  }

  private List<SpanData> traceOf(Promotion p) {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getTraceId().equals(p.traceId()))
        .toList();
  }

  private static SpanData root(List<SpanData> trace) {
    List<SpanData> roots = trace.stream().filter(s -> !s.getParentSpanContext().isValid()).toList();
    assertThat(roots).as("one root").hasSize(1);
    return roots.get(0);
  }

  private static List<String> childNames(List<SpanData> trace, SpanData root) {
    return trace.stream()
        .filter(s -> s != root)
        .peek(
            s ->
                assertThat(s.getParentSpanId())
                    .as(s.getName() + " is a child of the root")
                    .isEqualTo(root.getSpanId()))
        .map(SpanData::getName)
        .toList();
  }

  private static String attribute(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  @Test
  void aPromotionToProdIsOneTraceFromTheRequestThroughItsApprovalsAndStepsToItsOutcome() {
    PipelineCore core = t.core();
    String b1 = t.registerBuild(1);
    t.clock.advance(Duration.ofMinutes(30));
    core.promotions().request("credreg", "sandbox", null, DEPLOYER);
    t.clock.advance(Duration.ofHours(24));
    Promotion requested = core.promotions().request("credreg", "prod", null, DEPLOYER).promotion();
    t.clock.advance(Duration.ofMinutes(5));
    core.promotions().approve(requested.id(), APPROVER_1);
    core.promotions().approve(requested.id(), APPROVER_2);

    Promotion done = latestPromotion(t.store);
    assertThat(done.id()).isEqualTo(requested.id());
    assertThat(done.state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(done.trace()).matches("[0-9a-f]{32}-[0-9a-f]{16}").isEqualTo(requested.trace());
    List<SpanData> trace = traceOf(done);
    SpanData root = root(trace);
    assertThat(root.getName()).isEqualTo("promotion credreg");
    assertThat(root.getSpanId()).isEqualTo(done.trace().substring(33));
    assertThat(Duration.ofNanos(root.getEndEpochNanos() - root.getStartEpochNanos()))
        .as("from the request to the outcome")
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(root.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(attribute(root, "deployment.environment.name")).isEqualTo("prod");
    assertThat(attribute(root, "deployment.id")).isEqualTo(done.id());
    assertThat(attribute(root, "deployment.name")).isEqualTo("deploy credreg " + b1 + " to prod");
    assertThat(attribute(root, "deployment.status")).isEqualTo("succeeded");
    assertThat(attribute(root, "baton.app")).isEqualTo("credreg");
    assertThat(attribute(root, "baton.release")).isEqualTo(b1);
    assertThat(attribute(root, "baton.digest.main-app")).isEqualTo(Fixtures.digest("main-1"));
    assertThat(attribute(root, "baton.digest.worker-app")).isEqualTo(Fixtures.digest("worker-1"));
    assertThat(childNames(trace, root))
        .containsExactly(
            "approval",
            "approval",
            "step VERIFY_IMAGES",
            "step MIGRATE_BEFORE",
            "step SET_IMAGES",
            "step AWAIT_ROLLOUT",
            "step MIGRATE_AFTER",
            "step SMOKE_CHECKS",
            "step ANALYSIS",
            "step MOVE_POINTER_TAGS",
            "outcome",
            "step RECORD_DEPLOYMENT");
    assertThat(trace)
        .allSatisfy(s -> assertThat(attribute(s, "deployment.id")).isEqualTo(done.id()));
    assertThat(trace.stream().filter(s -> s.getName().equals("approval")))
        .extracting(s -> attribute(s, "baton.approver"))
        .containsExactly(APPROVER_1, APPROVER_2);
  }

  @Test
  void theTraceIdIsInThePromotionsAuditEventsAndNotElsewhere() {
    t.registerBuild(1);
    Promotion deployed = latestPromotion(t.store);

    List<AuditEvent> events =
        t.store.audit(new AuditQuery(null, null, null, null, null, null, null, 100));
    assertThat(events)
        .filteredOn(e -> deployed.id().equals(e.promotionId()))
        .extracting(AuditEvent::action)
        .contains("promotion.requested", "promotion.running", "promotion.succeeded");
    assertThat(events)
        .filteredOn(e -> deployed.id().equals(e.promotionId()))
        .allSatisfy(e -> assertThat(e.detail()).endsWith("trace " + deployed.traceId()));
    assertThat(events)
        .filteredOn(e -> e.action().equals("release.registered"))
        .allSatisfy(e -> assertThat(e.detail()).doesNotContain("trace "));
  }

  @Test
  void aFailedFirstDeploymentEndsItsTraceFailedAtTheStepThatFailed() {
    t.faults.inject("cluster.awaitRollout test main-app", Faults.Action.TERMINAL, 1);
    t.registerBuild(1);

    Promotion failed = latestPromotion(t.store);
    assertThat(failed.state()).isEqualTo(PromotionState.FAILED);
    List<SpanData> trace = traceOf(failed);
    SpanData root = root(trace);
    assertThat(root.getName()).isEqualTo("auto-deploy credreg");
    assertThat(root.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attribute(root, "deployment.status")).isEqualTo("failed");
    assertThat(attribute(root, "baton.failed_step")).isEqualTo("AWAIT_ROLLOUT");
    assertThat(childNames(trace, root))
        .containsExactly(
            "step VERIFY_IMAGES",
            "step MIGRATE_BEFORE",
            "step SET_IMAGES",
            "step AWAIT_ROLLOUT",
            "outcome",
            "step CLOSE_FAILED");
    SpanData rollout =
        trace.stream().filter(s -> s.getName().equals("step AWAIT_ROLLOUT")).findFirst().get();
    assertThat(rollout.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attribute(rollout, "baton.step.outcome")).isEqualTo("failed");
  }

  @Test
  void anAutomaticRollbackAndAnExplicitRollbackAreTracedWithTheirRecoverySteps() {
    t.registerBuild(1);
    t.faults.inject("cluster.awaitRollout test main-app", Faults.Action.TERMINAL, 1);
    t.registerBuild(2);
    Promotion rolledBack = latestPromotion(t.store);
    assertThat(rolledBack.state()).isEqualTo(PromotionState.ROLLED_BACK);

    List<SpanData> auto = traceOf(rolledBack);
    SpanData autoRoot = root(auto);
    assertThat(attribute(autoRoot, "deployment.status")).isEqualTo("failed");
    assertThat(attribute(autoRoot, "baton.promotion.state")).isEqualTo("ROLLED_BACK");
    assertThat(childNames(auto, autoRoot))
        .containsSubsequence(
            "step AWAIT_ROLLOUT",
            "step ROLLBACK_SET_IMAGES",
            "step ROLLBACK_AWAIT_ROLLOUT",
            "outcome",
            "step CLOSE_ROLLED_BACK");

    t.clock.advance(Duration.ofMinutes(10));
    t.registerBuild(3);
    Promotion rollback = t.core().rollbacks().rollback("test", null, null, DEPLOYER);
    Promotion done = latestPromotion(t.store);
    assertThat(done.id()).isEqualTo(rollback.id());
    List<SpanData> explicit = traceOf(done);
    SpanData root = root(explicit);
    assertThat(done.traceId()).isNotEqualTo(rolledBack.traceId());
    assertThat(root.getName()).isEqualTo("rollback credreg");
    assertThat(attribute(root, "baton.promotion.kind")).isEqualTo("ROLLBACK");
    assertThat(attribute(root, "deployment.status")).isEqualTo("succeeded");
    assertThat(childNames(explicit, root)).contains("step SET_IMAGES", "step RECORD_DEPLOYMENT");
  }

  @Test
  void aPromotionResumedByANewProcessJoinsTheTraceTheRequestBegan() {
    t.faults.inject("cluster.awaitRollout test main-app", Faults.Action.CRASH, 1);
    try {
      t.registerBuild(1);
    } catch (SimulatedCrash crash) {
      // the process died while the rollout ran
    }
    Promotion running = latestPromotion(t.store);
    assertThat(running.state()).isEqualTo(PromotionState.RUNNING);

    InMemorySpanExporter afterRestart = InMemorySpanExporter.create();
    t.traceInto(tracesInto(afterRestart)); // a new process, its own tracer
    t.clock.advance(t.leaseTtl.plusSeconds(1));
    t.core().sweeper().sweep();

    Promotion done = latestPromotion(t.store);
    assertThat(done.state()).isEqualTo(PromotionState.SUCCEEDED);
    List<SpanData> resumed =
        afterRestart.getFinishedSpanItems().stream()
            .filter(s -> s.getTraceId().equals(running.traceId()))
            .toList();
    SpanData root = root(resumed);
    assertThat(root.getSpanId()).isEqualTo(running.trace().substring(33));
    assertThat(childNames(resumed, root)).startsWith("resumed", "step AWAIT_ROLLOUT");
    assertThat(traceOf(running))
        .as("the first process recorded the steps before the crash")
        .extracting(SpanData::getName)
        .contains("step SET_IMAGES");
  }
}
