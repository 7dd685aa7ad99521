package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.baton.fakes.Fixtures;
import dev.baton.slack.notify.SlackMessages;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code V2__slack.sql} and {@link SlackMessages} on PostgreSQL 15, when {@code
 * BATON_TEST_POSTGRES_URL} names one (as for the store's PostgreSQL tests; skipped without it,
 * except on CI). Runs in a schema of its own, dropped afterwards.
 */
class SlackPostgresTest {
  private static String url;
  private static String user;
  private static String password;
  private static String schema;
  private static BatonSlack baton;

  @BeforeAll
  static void start() throws Exception {
    url = System.getenv("BATON_TEST_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("BATON_TEST_POSTGRES_URL not set on CI: the Slack tables must be tried on PostgreSQL");
      }
      return;
    }
    user = envOr("BATON_TEST_POSTGRES_USER", "postgres");
    password = envOr("BATON_TEST_POSTGRES_PASSWORD", "");
    schema = "baton_slack_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE SCHEMA " + schema);
    String separator = url.contains("?") ? "&" : "?";
    baton =
        new BatonSlack(
            Map.of(
                "datasources.default.url", url + separator + "currentSchema=" + schema,
                "datasources.default.username", user,
                "datasources.default.password", password));
  }

  @AfterAll
  static void stop() throws SQLException {
    if (baton != null) {
      baton.close();
    }
    if (schema != null) {
      execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private static BatonSlack baton() {
    Assumptions.assumeTrue(baton != null, "BATON_TEST_POSTGRES_URL not set: skipped");
    return baton;
  }

  @Test
  void aReleaseThreadIsPostedOnceAndUpdatedInPlace() {
    BatonSlack b = baton();
    b.register(1);
    b.settle();
    assertThat(b.slack.roots()).hasSize(1);
    assertThat(b.slack.roots().get(0).visible()).contains("*TEST* ✅");
    assertThat(b.slack.replies(b.slack.roots().get(0).ts)).hasSize(1);
  }

  @Test
  void claimsNoticesAndHomeViewersWork() {
    SlackMessages m = baton().context.getBean(SlackMessages.class);
    Instant t = Instant.parse("2026-11-22T09:00:00Z");
    String key = "release:pg:" + UUID.randomUUID();
    assertThat(m.claim(key, "a", t)).isTrue();
    assertThat(m.claim(key, "b", t)).isFalse();
    assertThat(m.takeOver(key, "b", t.plusSeconds(30), t.minusSeconds(90))).isFalse();
    assertThat(m.takeOver(key, "b", t.plusSeconds(300), t.plusSeconds(180))).isTrue();
    m.posted(key, "C1", "1.000001", "h", t);
    assertThat(m.find(key).orElseThrow().ts()).isEqualTo("1.000001");
    assertThat(m.claimNotice("reminder:" + key, t)).isTrue();
    assertThat(m.claimNotice("reminder:" + key, t)).isFalse();
    m.homeOpened(Fixtures.APPROVER_1, t);
    m.homeOpened(Fixtures.APPROVER_1, t.plusSeconds(5));
    assertThat(m.homeViewers(t, 10)).containsExactly(Fixtures.APPROVER_1);
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
