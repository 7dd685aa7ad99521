package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.baton.pipeline.LeaseOwner;
import dev.baton.store.Replicas;
import dev.baton.store.Replicas.Replica;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One live process per instance id: a second one under a taken id is refused at startup (or takes a
 * suffix when asked to), a graceful stop frees the id at once, and a row left by a process that is
 * gone — killed on this host, or silent for longer than the lease TTL elsewhere — is taken over.
 */
class ReplicaIdentityTest {
  private final String database =
      "jdbc:h2:mem:replicas-"
          + UUID.randomUUID()
          + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  private final List<ApplicationContext> started = new ArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(ApplicationContext::close);
  }

  private ApplicationContext baton(Map<String, Object> more) {
    Map<String, Object> p = new HashMap<>();
    p.put("datasources.default.url", database);
    p.put("baton.runner.sweep-enabled", false);
    p.put("baton.instance-id", "baton-a");
    p.put("micronaut.server.port", -1);
    p.putAll(more);
    ApplicationContext c =
        ApplicationContext.builder().properties(p).deduceEnvironment(false).start();
    started.add(c);
    return c;
  }

  private static String owner(ApplicationContext c) {
    return c.getBean(LeaseOwner.class).id();
  }

  @Test
  void aSecondLiveProcessUnderTheSameIdIsRefusedNamingTheSetting() {
    baton(Map.of());
    assertThatThrownBy(() -> baton(Map.of()))
        .satisfies(
            e ->
                assertThat(rootMessage(e))
                    .contains("baton.instance-id")
                    .contains("another Baton is running as `baton-a`")
                    .contains("baton.instance-id-suffix"));
  }

  @Test
  void withTheSuffixSettingTheSecondRunsUnderAUniqueIdAndBothAreListed() {
    ApplicationContext first = baton(Map.of());
    ApplicationContext second = baton(Map.of("baton.instance-id-suffix", true));
    LeaseOwner o = second.getBean(LeaseOwner.class);
    assertThat(o.instanceId()).startsWith("baton-a-").isNotEqualTo("baton-a");
    assertThat(first.getBean(Replicas.class).all())
        .extracting(Replica::instanceId)
        .containsExactly("baton-a", o.instanceId());
  }

  @Test
  void aGracefulStopFreesTheIdAtOnce() {
    ApplicationContext first = baton(Map.of());
    String firstOwner = owner(first);
    first.close();
    ApplicationContext again = baton(Map.of());
    assertThat(owner(again)).startsWith("baton-a#").isNotEqualTo(firstOwner);
    assertThat(again.getBean(Replicas.class).all()).hasSize(1);
  }

  @Test
  void aRowLeftByAKilledProcessOnThisHostIsTakenOverAtOnce() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    seed("baton-a", ThisReplica.hostname(), gone.pid(), Instant.now());
    ApplicationContext restarted = baton(Map.of());
    assertThat(restarted.getBean(Replicas.class).all())
        .filteredOn(r -> r.instanceId().equals("baton-a"))
        .singleElement()
        .satisfies(r -> assertThat(r.pid()).isEqualTo(ProcessHandle.current().pid()));
  }

  @Test
  void aRowOfAnotherHostIsTakenOnlyOnceItsHeartbeatIsOlderThanTheLeaseTtl() throws Exception {
    seed("baton-a", "some-other-host", 4242, Instant.now());
    assertThatThrownBy(() -> baton(Map.of()))
        .satisfies(e -> assertThat(rootMessage(e)).contains("host some-other-host, pid 4242"));

    seed("baton-b", "some-other-host", 4242, Instant.now().minus(Duration.ofMinutes(5)));
    ApplicationContext b = baton(Map.of("baton.instance-id", "baton-b"));
    assertThat(owner(b)).startsWith("baton-b#");
  }

  @Test
  void theReplicasApiListsEachProcessWithItsVersionAndWhichOneAnswers() throws Exception {
    ApplicationContext a = baton(Map.of("baton.api.read-token", "replica-read-token"));
    baton(Map.of("baton.instance-id", "baton-b"));
    try (Connection c = DriverManager.getConnection(database, "sa", "");
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO lease (lane, promotion_id, owner, expires_at) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, "credreg/prod");
      ps.setString(2, "p1");
      ps.setString(3, owner(a));
      ps.setObject(4, Instant.now().plusSeconds(600).atOffset(ZoneOffset.UTC));
      ps.executeUpdate(); // a's live lease
    }
    EmbeddedServer server = a.getBean(EmbeddedServer.class).start();
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getPort() + "/api/v1/replicas"))
                    .header("Authorization", "Bearer replica-read-token")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    var replicas = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("replicas");
    assertThat(replicas).hasSize(2);
    JsonObject first = replicas.get(0).getAsJsonObject();
    assertThat(first.keySet())
        .containsExactlyInAnyOrder(
            "id",
            "runner",
            "version",
            "host",
            "pid",
            "startedAt",
            "heartbeatAt",
            "self",
            "leasesHeld");
    assertThat(first.get("id").getAsString()).isEqualTo("baton-a");
    assertThat(first.get("self").getAsBoolean()).isTrue();
    assertThat(first.get("runner").getAsString()).isEqualTo(owner(a));
    assertThat(first.get("leasesHeld").getAsInt()).isEqualTo(1);
    assertThat(first.get("version").getAsString()).isNotBlank();
    assertThat(replicas.get(1).getAsJsonObject().get("self").getAsBoolean()).isFalse();
    assertThat(replicas.get(1).getAsJsonObject().get("leasesHeld").getAsInt()).isZero();
  }

  /** A row as another process would have left it, written beside Baton's own. */
  private void seed(String id, String host, long pid, Instant heartbeat) throws SQLException {
    baton(Map.of("baton.instance-id", "seed-" + UUID.randomUUID())); // the schema
    try (Connection c = DriverManager.getConnection(database, "sa", "");
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO replica (instance_id, boot_id, version, host, pid, started_at,"
                    + " heartbeat_at) VALUES (?, 'deadbeef', '0.0.1', ?, ?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, host);
      ps.setLong(3, pid);
      ps.setObject(4, heartbeat.atOffset(ZoneOffset.UTC));
      ps.setObject(5, heartbeat.atOffset(ZoneOffset.UTC));
      ps.executeUpdate();
    }
  }

  private static String rootMessage(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
