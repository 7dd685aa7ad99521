package dev.baton.slack.socket;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import com.slack.api.util.json.GsonFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Slack's envelopes through the same Bolt app as {@code /slack/events} and acknowledges each
 * on the socket it came on, with the listener's answer as payload. Slack delivers an envelope again
 * when its acknowledgement did not arrive (a connection lost in between): an envelope already run
 * is acknowledged again with the same answer, never run twice.
 */
final class Envelopes {
  private static final Logger LOG = LoggerFactory.getLogger(Envelopes.class);

  /** How many envelope ids are remembered; Slack re-delivers within minutes, not thousands. */
  private static final int REMEMBERED = 2_000;

  /** Marks an envelope being run, whose answer is not known yet. */
  private static final String RUNNING = "";

  private final App app;
  private final SocketModeRequestParser parser;
  private final Gson gson;
  private final ExecutorService executor;
  private final Map<String, String> answers =
      new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > REMEMBERED;
        }
      };

  Envelopes(App app, ExecutorService executor) {
    this.app = app;
    this.parser = new SocketModeRequestParser(app.config());
    this.gson = GsonFactory.createSnakeCase(app.slack().getConfig());
    this.executor = executor;
  }

  void handle(SocketModeSession session, String envelopeId, String message) {
    String earlier;
    synchronized (answers) {
      earlier = answers.putIfAbsent(envelopeId, RUNNING);
    }
    if (RUNNING.equals(earlier)) {
      return; // the run under way acknowledges it
    }
    if (earlier != null) {
      send(session, earlier);
      return;
    }
    executor.execute(() -> run(session, envelopeId, message));
  }

  private void run(SocketModeSession session, String envelopeId, String message) {
    String ack = ack(envelopeId, null);
    try {
      SocketModeRequest request = parser.parse(message);
      if (request != null) {
        Response response = app.run(request.getBoltRequest());
        if (response.getStatusCode() != 200) {
          LOG.warn(
              "Slack: a Socket Mode envelope was answered {} ({})",
              response.getStatusCode(),
              response.getBody());
        } else {
          ack = ack(envelopeId, response);
        }
      }
    } catch (Exception e) {
      LOG.warn("Slack: a Socket Mode envelope failed: {}", e.toString());
    }
    synchronized (answers) {
      answers.put(envelopeId, ack);
    }
    send(session, ack);
  }

  private String ack(String envelopeId, Response response) {
    JsonObject ack = new JsonObject();
    ack.addProperty("envelope_id", envelopeId);
    String body = response == null ? null : response.getBody();
    if (body != null && !body.isEmpty()) {
      String type = response.getContentType();
      if (type != null && type.startsWith("application/json")) {
        ack.add("payload", gson.fromJson(body, JsonElement.class));
      } else {
        JsonObject text = new JsonObject();
        text.addProperty("text", body);
        ack.add("payload", text);
      }
    }
    return ack.toString();
  }

  private static void send(SocketModeSession session, String ack) {
    try {
      session.send(ack);
    } catch (WebsocketNotConnectedException e) {
      // Slack delivers the envelope again on the next connection; it is answered from memory then.
      LOG.info(
          "Slack: an acknowledgement could not be sent (connection {} closed)", session.number());
    }
  }
}
