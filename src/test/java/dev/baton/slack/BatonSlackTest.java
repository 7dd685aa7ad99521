package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.port.AuditQuery;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The harness of the listener specifications: Baton without HTTP, Bolt's checks intact. */
class BatonSlackTest {
  @AutoClose final BatonSlack baton = BatonSlack.withoutHttp();

  @Test
  void withoutHttpBatonListensNowhereButStartsAsAServerDoes() {
    assertThatThrownBy(() -> baton.server.getPort())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(baton.core().queries().audit(AuditQuery.latest(10)))
        .extracting(AuditEvent::action)
        .contains("config.loaded");
  }

  @Test
  void boltStillRefusesARequestSignedWithAnotherSecret() {
    String body = SlackRequests.form("command", "/baton", "text", "help", "user_id", "U1");
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    String forged = new SlackSigner("not-the-secret").sign(ts, body);
    String signed = new SlackSigner(BatonSlack.SECRET).sign(ts, body);

    assertThat(baton.toBolt(body, BatonSlack.FORM, ts, forged).statusCode()).isEqualTo(401);
    assertThat(baton.toBolt(body, BatonSlack.FORM, ts, signed).statusCode()).isEqualTo(200);
    assertThat(baton.slash(Fixtures.OUTSIDER, "/baton", "help").ackText()).contains("/promote");
  }
}
