package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.PipelineCore;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The state API answers on time when a cluster does not: that environment's drift says so. */
class StateWithSlowClusterTest {
  private final ApiServer api = new ApiServer(Map.of("baton.api.drift-timeout", "500ms"));

  @AfterEach
  void stop() {
    api.cluster.faults().release();
    api.close();
  }

  @Test
  void aClusterThatDoesNotAnswerIsReportedUnreadableWithinTheDriftTimeout() throws Exception {
    assertThat(api.postSigned(api.pushedBuild(1)).statusCode()).isEqualTo(201);
    PipelineCore core = api.context.getBean(PipelineCore.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (core.ports().store().read(r -> r.currentDeployment("credreg", "test")).isEmpty()
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    api.cluster.faults().inject("cluster.running test", Faults.Action.HANG, 1);

    long start = System.nanoTime();
    HttpResponse<String> r = api.get("/api/v1/apps/credreg");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(took).as("not the adapter's whole retry budget").isLessThan(Duration.ofSeconds(5));
    JsonObject test = null;
    for (var e :
        JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("environments")) {
      if ("test".equals(e.getAsJsonObject().get("env").getAsString())) {
        test = e.getAsJsonObject();
      }
    }
    assertThat(test).isNotNull();
    assertThat(test.get("drift").getAsString())
        .isEqualTo("could not read what runs in test: its cluster did not answer within 500 ms");
    assertThat(test.getAsJsonObject("current").get("release").getAsString())
        .isEqualTo(Fixtures.tag(1));
  }
}
