package dev.baton.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.baton.fakes.FakeCluster;
import dev.baton.fakes.FakeRegistry;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.PromotionTraces;
import dev.baton.testing.InProcessBaton;
import dev.baton.testing.TestWorld;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Tracing is off unless the standard OpenTelemetry settings ask for it; then the spans of a
 * promotion reach an OTLP endpoint (here a stand-in on 127.0.0.1 that keeps what it is sent).
 */
class TracingWiringTest {
  private static final TestWorld WORLD = TestWorld.credreg().withoutSmokeCheck();

  private static InProcessBaton baton(FakeRegistry registry, Map<String, Object> otel) {
    return InProcessBaton.builder()
        .database(InProcessBaton.h2Memory(), "sa", "")
        .world(WORLD)
        .properties(otel)
        .singletons(registry, new FakeCluster())
        .start();
  }

  private static Promotion deployedToTest(InProcessBaton baton, FakeRegistry registry)
      throws InterruptedException {
    PipelineCore core = baton.bean(PipelineCore.class);
    core.builds().register(TestWorld.pushed(registry, 1), "ci");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      List<Promotion> ps = core.ports().store().read(r -> r.recentPromotions("credreg", 1));
      if (!ps.isEmpty() && ps.get(0).state() == PromotionState.SUCCEEDED) {
        return ps.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("build 1 was not deployed to test");
  }

  @Test
  void withoutOtelSettingsNothingIsTracedAndPromotionsCarryNoTrace() throws Exception {
    FakeRegistry registry = new FakeRegistry();
    try (InProcessBaton baton = baton(registry, Map.of())) {
      assertThat(baton.bean(PromotionTraces.class)).isSameAs(PromotionTraces.OFF);
      assertThat(deployedToTest(baton, registry).trace()).isNull();
    }
  }

  @Test
  void anOtlpEndpointInTheOtelSettingsReceivesThePromotionsSpans() throws Exception {
    List<byte[]> received = new CopyOnWriteArrayList<>();
    List<String> paths = new CopyOnWriteArrayList<>();
    HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          paths.add(exchange.getRequestURI().getPath());
          received.add(exchange.getRequestBody().readAllBytes());
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    FakeRegistry registry = new FakeRegistry();
    Map<String, Object> otel =
        Map.of(
            "otel.exporter.otlp.endpoint",
            "http://127.0.0.1:" + collector.getAddress().getPort(),
            "otel.exporter.otlp.protocol",
            "http/protobuf",
            "otel.bsp.schedule.delay",
            "50");
    try (InProcessBaton baton = baton(registry, otel)) {
      assertThat(baton.bean(PromotionTraces.class)).isInstanceOf(OtelPromotionTraces.class);
      Promotion deployed = deployedToTest(baton, registry);
      assertThat(deployed.trace()).isNotNull();
      awaitBytes(received, deployed.id());
      assertThat(paths).allMatch(p -> p.equals("/v1/traces"));
    } finally {
      collector.stop(0);
    }
  }

  private static void awaitBytes(List<byte[]> received, String text)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (byte[] b : received) {
        all.write(b);
      }
      String sent = all.toString(StandardCharsets.ISO_8859_1);
      if (sent.contains(text) && sent.contains("deployment.environment.name")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no span of promotion " + text + " reached the collector");
  }
}
