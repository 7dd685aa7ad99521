package dev.baton.slack;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * The benchmark's view of the Slack side (for {@code dev.baton.bench}): the Web API stand-in, and
 * request bodies built and signed exactly as Slack builds and signs them.
 */
public final class SlackBench implements AutoCloseable {
  private final SlackStandIn standIn;

  public SlackBench() throws IOException {
    standIn = new SlackStandIn();
  }

  public String apiUrl() {
    return standIn.apiUrl();
  }

  public String responseUrl(String id) {
    return standIn.responseUrl(id);
  }

  /** {@code v0=} + hex HMAC-SHA256 of {@code v0:ts:body}, as Slack signs. */
  public static String sign(String secret, String timestamp, String body) {
    return new SlackSigner(secret).sign(timestamp, body);
  }

  /** The form body of {@code command text} typed by {@code user} in the channel. */
  public static String slashBody(
      String user, String channelId, String command, String text, String responseUrl) {
    return SlackRequests.form(
        "token", "fake-legacy-verification-token",
        "team_id", "T1",
        "team_domain", "example-co",
        "channel_id", channelId,
        "channel_name", "credreg-deploys",
        "user_id", user,
        "user_name", user.toLowerCase(java.util.Locale.ROOT),
        "command", command,
        "text", text,
        "api_app_id", "A1",
        "is_enterprise_install", "false",
        "response_url", responseUrl,
        "trigger_id", "1111.2222.abcd");
  }

  /** The form body of a click on a message button ({@code block_actions}). */
  public static String clickBody(
      String user,
      String messageTs,
      String channelId,
      String actionId,
      String value,
      String responseUrl) {
    return SlackRequests.form(
        "payload",
        SlackRequests.blockActions(user, messageTs, channelId, actionId, value, responseUrl));
  }

  public static String channelId(String channel) {
    return SlackStandIn.channelId(channel);
  }

  /** When the stand-in first received {@code method} at or after {@code fromMillis}. */
  public OptionalLong firstCall(String method, long fromMillis) {
    return standIn.calls().stream()
        .filter(c -> c.method().equals(method) && c.atMillis() >= fromMillis)
        .mapToLong(SlackStandIn.Call::atMillis)
        .min();
  }

  /** When each response URL whose id starts with {@code prefix} was first posted to, by id. */
  public java.util.Map<String, Long> responses(String prefix) {
    java.util.Map<String, Long> out = new java.util.HashMap<>();
    for (SlackStandIn.Call c : standIn.responses()) {
      String id = c.method().substring("response_url ".length());
      if (id.startsWith(prefix)) {
        out.merge(id, c.atMillis(), Math::min);
      }
    }
    return out;
  }

  public int calls() {
    return standIn.calls().size();
  }

  @Override
  public void close() {
    standIn.close();
  }
}
