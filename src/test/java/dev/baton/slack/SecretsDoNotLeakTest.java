package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.LogCapture;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.slack.blocks.ActionIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every secret Baton holds, set to a recognisable value, through a whole release: a build
 * registered through the signed CI API, promoted and approved with signed Slack requests, the audit
 * log and state read through the API, {@code /health} and {@code /prometheus}. None of the values
 * may appear in Baton's logs (every level Baton logs, from startup on), in anything Baton sends to
 * Slack, in any HTTP answer (body or header), or in any column of any table.
 */
class SecretsDoNotLeakTest {
  private static final String BOT_TOKEN = "xoxb-SECRET-bot-4f1d2c";
  private static final String APP_TOKEN = "xapp-SECRET-app-9a8b7c";
  private static final String WEBHOOK_SECRET = "SECRET-webhook-77e1";
  private static final String READ_TOKEN = "SECRET-read-token-5d2a";
  private static final String REGISTRY_PASSWORD = "SECRET-registry-password-31c";
  private static final String REGISTRY_TOKEN = "SECRET-registry-token-62b";
  private static final String AWS_SECRET = "SECRET-aws-secret-key-8f0";
  private static final String DB_PASSWORD = "SECRET-db-password-c4e";
  private static final String GIT_TOKEN = "SECRET-git-token-a91";

  /** Each secret, by what it is. */
  private static final Map<String, String> SECRETS =
      Map.of(
          "Slack signing secret", BatonSlack.SECRET,
          "Slack bot token", BOT_TOKEN,
          "Slack app-level token", APP_TOKEN,
          "baton.api.webhook-secret", WEBHOOK_SECRET,
          "baton.api.read-token", READ_TOKEN,
          "OCI registry password", REGISTRY_PASSWORD,
          "OCI registry token", REGISTRY_TOKEN,
          "ECR secret access key", AWS_SECRET,
          "database password", DB_PASSWORD,
          "Git token", GIT_TOKEN);

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> answers = new ArrayList<>();

  @Test
  void noSecretAppearsInLogsSlackMessagesHttpAnswersOrTheDatabase() throws Exception {
    Logger baton = (Logger) LoggerFactory.getLogger("dev.baton");
    baton.setLevel(Level.TRACE);
    try (LogCapture logs = LogCapture.attach();
        BatonSlack b = new BatonSlack(secrets())) {
      aReleaseGoesToProd(b);
      readEverything(b);
      b.settle();

      for (LogCapture.Line line : logs.lines()) {
        assertNoSecret("the log: " + line.text(), line.text());
      }
      assertThat(logs.lines()).as("Baton's startup report was captured").isNotEmpty();
      for (SlackStandIn.Call c : b.slack.calls()) {
        assertNoSecret("what Baton sent to Slack (" + c.method() + ")", c.body());
      }
      assertThat(b.slack.calls("chat.postMessage")).as("Baton talked to Slack").isNotEmpty();
      for (String answer : answers) {
        assertNoSecret("an HTTP answer of Baton: " + answer, answer);
      }
      String tables = everyTable(b);
      assertThat(tables).as("the audit log was read").contains("promotion.approval");
      assertNoSecret("the database", tables);
    } finally {
      baton.setLevel(null);
    }
  }

  private static Map<String, Object> secrets() {
    Map<String, Object> p = new HashMap<>();
    p.put("baton.slack.bot-token", BOT_TOKEN);
    p.put("baton.slack.app-token", APP_TOKEN);
    p.put("baton.api.webhook-secret", WEBHOOK_SECRET);
    p.put("baton.api.read-token", READ_TOKEN);
    p.put("datasources.default.username", "sa");
    p.put("datasources.default.password", DB_PASSWORD);
    p.put("baton.registries.default.type", "oci");
    p.put("baton.registries.default.url", "https://registry.example.com");
    p.put("baton.registries.default.username", "ci-bot");
    p.put("baton.registries.default.password", REGISTRY_PASSWORD);
    p.put("baton.registries.mirror.type", "oci");
    p.put("baton.registries.mirror.url", "https://mirror.example.com");
    p.put("baton.registries.mirror.token", REGISTRY_TOKEN);
    p.put("baton.registries.aws.type", "ecr");
    p.put("baton.registries.aws.region", "eu-west-1");
    p.put("baton.registries.aws.access-key-id", "AKIAEXAMPLE");
    p.put("baton.registries.aws.secret-access-key", AWS_SECRET);
    p.put("baton.environments.prod.git.auth.token", GIT_TOKEN);
    return p;
  }

  private void aReleaseGoesToProd(BatonSlack b) throws Exception {
    b.registry.push("default", "credreg/main-app", Fixtures.digest("main-1"));
    b.registry.push("default", "credreg/worker-app", Fixtures.digest("worker-1"));
    String build =
        "{\"app\":\"credreg\",\"tag\":\""
            + Fixtures.tag(1)
            + "\",\"commit\":\""
            + String.format("%040x", 1)
            + "\",\"buildUrl\":\"https://ci.example/runs/1\",\"digests\":{\"main-app\":\""
            + Fixtures.digest("main-1")
            + "\",\"worker-app\":\""
            + Fixtures.digest("worker-1")
            + "\"}}";
    assertThat(registerBuild(b, build).statusCode()).isEqualTo(201);
    b.settle();
    answer(b.slash(Fixtures.DEPLOYER, "/promote", "credreg sandbox").answer);
    b.settle();
    b.passes(Duration.ofMinutes(31));
    b.passes(Duration.ofHours(25));
    BatonSlack.Sent promote = b.slash(Fixtures.DEPLOYER, "/promote", "credreg prod");
    answer(promote.answer);
    assertThat(promote.replyText()).contains("needs 2 approvals");
    b.settle();
    String id =
        b.core().ports().store().read(r -> r.openPromotion("credreg", "prod")).orElseThrow().id();
    for (String approver : List.of(Fixtures.APPROVER_1, Fixtures.APPROVER_2)) {
      answer(b.clickValue(approver, "1.2", BatonSlack.CHANNEL_ID, ActionIds.APPROVE, id).answer);
      b.settle();
    }
    PromotionState state =
        b.core().ports().store().read(r -> r.promotion(id)).orElseThrow().state();
    assertThat(state).isEqualTo(PromotionState.SUCCEEDED);
    answer(b.slash(Fixtures.OUTSIDER, "/freeze", "prod 2h outsider tries").answer);
    answer(b.slash(Fixtures.DEPLOYER, "/audit", "credreg prod --steps").answer);
    answer(b.slash(Fixtures.DEPLOYER, "/baton", "status").answer);
    answer(b.slash(Fixtures.DEPLOYER, "/baton", "help").answer);
    answer(b.slash(Fixtures.DEPLOYER, "/nope", "x").answer);
  }

  private HttpResponse<String> registerBuild(BatonSlack b, String body) throws Exception {
    String ts = Long.toString(b.clock.instant().getEpochSecond());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature =
        "v1="
            + HexFormat.of()
                .formatHex(mac.doFinal(("v1:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
    return answer(
        http.send(
            HttpRequest.newBuilder(uri(b, "/api/v1/builds"))
                .header("Content-Type", "application/json")
                .header("X-Baton-Timestamp", ts)
                .header("X-Baton-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  private void readEverything(BatonSlack b) throws Exception {
    for (String path :
        List.of(
            "/api/v1/apps",
            "/api/v1/apps/credreg",
            "/api/v1/apps/credreg/releases/" + Fixtures.tag(1),
            "/api/v1/audit",
            "/api/v1/audit?format=csv",
            "/api/v1/audit?app=credreg&env=prod&limit=500",
            "/api/v1/audit/verify",
            "/api/v1/apps/nope")) {
      get(b, path, "Bearer " + READ_TOKEN);
    }
    get(b, "/api/v1/audit", null);
    get(b, "/api/v1/audit", "Bearer wrong-" + READ_TOKEN.substring(3));
    get(b, "/health", null);
    get(b, "/prometheus", null);
    get(b, "/api/openapi.yml", null);
    assertThat(answers).anySatisfy(a -> assertThat(a).contains("/health").contains("\"status\""));
  }

  private void get(BatonSlack b, String path, String authorization) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri(b, path)).GET();
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    answer(http.send(r.build(), HttpResponse.BodyHandlers.ofString()));
  }

  private HttpResponse<String> answer(HttpResponse<String> r) {
    answers.add(r.uri() + " " + r.statusCode() + "\n" + r.headers().map() + "\n" + r.body());
    return r;
  }

  private void answer(BatonSlack.Answer a) {
    answers.add("/slack/events " + a.statusCode() + "\n" + a.headers() + "\n" + a.body());
  }

  private static URI uri(BatonSlack b, String path) {
    return URI.create("http://127.0.0.1:" + b.server.getPort() + path);
  }

  /** Every row of every table Baton created, as text. */
  private static String everyTable(BatonSlack b) throws Exception {
    StringBuilder out = new StringBuilder();
    String url = b.context.getRequiredProperty("datasources.default.url", String.class);
    try (Connection c = DriverManager.getConnection(url, "sa", DB_PASSWORD);
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet t =
          s.executeQuery(
              "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
        while (t.next()) {
          tables.add(t.getString(1));
        }
      }
      assertThat(tables).contains("audit_event");
      for (String table : tables) {
        try (ResultSet rows = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            out.append(table).append(':');
            for (int i = 1; i <= columns; i++) {
              out.append(' ').append(rows.getString(i));
            }
            out.append('\n');
          }
        }
      }
    }
    return out.toString();
  }

  private static void assertNoSecret(String where, String text) {
    if (text == null) {
      return;
    }
    SECRETS.forEach(
        (what, value) -> assertThat(text).as("%s in %s", what, where).doesNotContain(value));
    // A secret cut short, or the distinctive part of one, leaks just as well.
    assertThat(text).as("a secret in %s", where).doesNotContain("SECRET-");
  }
}
