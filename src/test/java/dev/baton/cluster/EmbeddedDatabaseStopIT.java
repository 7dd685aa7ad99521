package dev.baton.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.baton.testing.BatonJar;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged Baton on its embedded default (an H2 file under {@code ./data}, no database
 * configured) stopped with SIGTERM, as Ctrl-C or {@code kubectl delete pod} stops it: the graceful
 * stop hands its leases over and removes its replica registration while the database is still open
 * — H2's own shutdown hook must not close it first — and a start on the same files afterwards finds
 * only itself registered.
 */
class EmbeddedDatabaseStopIT {
  private static final String TOKEN = "read-token-for-the-test";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path dir;

  @Test
  void aGracefulStopWritesItsLastStateBeforeTheDatabaseCloses() throws Exception {
    BatonJar.Options options = BatonJar.in(dir).env("BATON_API_READ_TOKEN", TOKEN);
    String firstRunner;
    String firstLog;
    try (BatonJar first = options.start()) {
      first.awaitReady(Duration.ofSeconds(90));
      JsonArray replicas = replicas(first);
      assertThat(replicas).hasSize(1);
      firstRunner = replicas.get(0).getAsJsonObject().get("runner").getAsString();
      first.stop(Duration.ofSeconds(60));
      firstLog = first.log();
    }
    assertThat(firstLog)
        .contains("Embedded Application shutting down")
        .doesNotContain("Database is already closed")
        .doesNotContain("Could not remove this replica's registration")
        .doesNotContain("Error disposing bean");

    try (BatonJar second = options.start()) {
      second.awaitReady(Duration.ofSeconds(90));
      JsonArray replicas = replicas(second);
      assertThat(replicas).as("the stopped process removed itself").hasSize(1);
      JsonObject only = replicas.get(0).getAsJsonObject();
      assertThat(only.get("self").getAsBoolean()).isTrue();
      assertThat(only.get("runner").getAsString()).isNotEqualTo(firstRunner);
      second.stop(Duration.ofSeconds(60));
    }
  }

  private static JsonArray replicas(BatonJar baton) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(baton.url("/api/v1/replicas"))
                .header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("replicas");
  }
}
