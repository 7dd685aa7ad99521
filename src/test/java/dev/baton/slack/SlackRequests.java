package dev.baton.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The bodies of requests as Slack builds them: form encoding, block_actions payloads. */
public final class SlackRequests {
  private SlackRequests() {}

  /** A URL-encoded form of key/value pairs. */
  public static String form(String... kv) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < kv.length; i += 2) {
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(URLEncoder.encode(kv[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  /** A {@code block_actions} payload: {@code user} clicked button {@code actionId}. */
  public static String blockActions(
      String user, String messageTs, String channel, String actionId, String value, String url) {
    JsonObject p =
        json(
            "type", "block_actions",
            "api_app_id", "A1",
            "token", "fake-legacy-verification-token",
            "trigger_id", "1111.2222.abcd");
    String name = user.toLowerCase();
    p.add("user", json("id", user, "username", name, "name", name, "team_id", "T1"));
    JsonObject container = json("type", "message", "message_ts", messageTs, "channel_id", channel);
    container.addProperty("is_ephemeral", false);
    p.add("container", container);
    p.add("team", json("id", "T1", "domain", "example-co"));
    p.addProperty("is_enterprise_install", false);
    p.add("channel", json("id", channel, "name", "credreg-deploys"));
    if (url != null) {
      p.addProperty("response_url", url);
    }
    JsonObject action =
        json(
            "action_id",
            actionId,
            "block_id",
            "b1",
            "type",
            "button",
            "value",
            value,
            "action_ts",
            System.currentTimeMillis() / 1000 + ".000001");
    JsonArray actions = new JsonArray();
    actions.add(action);
    p.add("actions", actions);
    return p.toString();
  }

  static JsonObject json(String... kv) {
    JsonObject o = new JsonObject();
    for (int i = 0; i < kv.length; i += 2) {
      o.addProperty(kv[i], kv[i + 1]);
    }
    return o;
  }
}
