package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.slack.notify.SlackMessages;
import dev.baton.testing.PostgresExtension;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code V2__slack.sql} and {@link SlackMessages} on PostgreSQL 15, when {@code
 * BATON_TEST_POSTGRES_URL} names one (as for the store's PostgreSQL tests; skipped without it,
 * except on CI). Runs in a schema of its own, dropped afterwards.
 */
class SlackPostgresTest {
  @RegisterExtension
  static final PostgresExtension POSTGRES =
      new PostgresExtension("baton_slack_", "the Slack tables on PostgreSQL");

  private static BatonSlack baton;

  @BeforeAll
  static void start() {
    Optional<PostgresExtension.Database> db = POSTGRES.databaseIfSet();
    if (db.isPresent()) {
      baton =
          BatonSlack.withoutHttp(
              Map.of(
                  "datasources.default.url", db.get().schemaUrl(),
                  "datasources.default.username", db.get().user(),
                  "datasources.default.password", db.get().password()));
    }
  }

  @AfterAll
  static void stop() {
    if (baton != null) {
      baton.close();
      baton = null;
    }
  }

  private static BatonSlack baton() {
    POSTGRES.database(); // skips the case, with the reason, when no PostgreSQL is set
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
}
