package dev.baton.slack;

import dev.baton.slack.socket.SocketModeRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long Slack's door stays shut after the WebSocket is lost: Baton against the Socket Mode
 * stand-in (hello, envelopes, acks, {@code disconnect}), {@code baton.bench.reconnects} trials of
 * each loss — an abrupt drop (close 1006), an abrupt drop followed by one failed {@code
 * apps.connections.open}, and a refresh {@code disconnect} — from the loss to Slack's {@code hello}
 * on the new connection. Run by {@code bench/run.sh} (stage {@code reconnect}); figures go to
 * {@code target/bench/reconnect.json}.
 */
@Tag("benchmark")
class SocketModeReconnectBenchmark {
  static final int TRIALS = Integer.getInteger("baton.bench.reconnects", 10);
  static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void run() throws Exception {
    StringBuilder json = new StringBuilder("{\"reconnect\":{");
    try (SocketModeStandIn socket = new SocketModeStandIn();
        BatonSlack baton = socket.baton(Map.of())) {
      socket.open(WAIT);
      SocketModeRunner runner = baton.context.getBean(SocketModeRunner.class);
      SocketModeStandIn.await("the first hello", () -> runner.status().connected(), WAIT);
      List<String> parts = new ArrayList<>();
      for (String loss : List.of("abruptDrop", "abruptDropThenFailedOpen", "refreshDisconnect")) {
        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < TRIALS; i++) {
          if (loss.equals("abruptDropThenFailedOpen")) {
            baton.slack.fail("apps.connections.open", 1, "internal_error");
          }
          int before = socket.links().size();
          SocketModeStandIn.Link current = socket.open(WAIT);
          long lost = System.nanoTime();
          if (loss.equals("refreshDisconnect")) {
            socket.disconnect(current, "refresh_requested", Duration.ofSeconds(2));
          } else {
            socket.dropAbruptly();
          }
          SocketModeStandIn.await(
              "a new connection after " + loss,
              () -> socket.links().size() > before && runner.status().connected(),
              WAIT);
          ms.add((System.nanoTime() - lost) / 1_000_000);
        }
        parts.add(summary(loss, ms));
      }
      json.append(String.join(",", parts));
    }
    json.append("}}");
    Path out = Path.of("target/bench/reconnect.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, json.toString());
    System.out.println("BENCH reconnect " + json);
  }

  private static String summary(String name, List<Long> ms) {
    List<Long> sorted = new ArrayList<>(ms);
    Collections.sort(sorted);
    long p50 = sorted.get((int) Math.ceil(0.5 * sorted.size()) - 1);
    long p99 = sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);
    return String.format(
        Locale.ROOT,
        "\"%s\":{\"p50ms\":%d,\"p99ms\":%d,\"maxMs\":%d,\"samples\":%d}",
        name,
        p50,
        p99,
        sorted.get(sorted.size() - 1),
        sorted.size());
  }
}
