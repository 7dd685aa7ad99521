package dev.baton.bench;

import dev.baton.cluster.SharedSchema;
import dev.baton.cluster.TwoBatons;
import dev.baton.testing.BatonJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long a promotion waits when the replica driving it goes away, with two packaged Batons on
 * PostgreSQL and a prod promotion waiting on a held rollout:
 *
 * <ul>
 *   <li><b>SIGTERM → resumed</b>: from the signal to the other replica holding the lease (it has
 *       resumed the promotion), over {@code baton.bench.handovers} trials; the stopped replica
 *       starts again before the next, which stops whichever replica drives then;
 *   <li><b>SIGKILL → resumed</b>: the same after {@code kill -9}, over {@code baton.bench.kills}
 *       trials, with the lease's expiry: the takeover cannot come before it, and should come at
 *       most a second after it (the lease TTL is 10 s, renewed every third of it).
 * </ul>
 *
 * Run by {@code scripts/test-services.sh bench/run.sh} (stage {@code handover}); figures go to
 * {@code target/bench/handover.json}.
 */
@Tag("benchmark")
class HandOverBenchmark {
  static final int HANDOVERS = Integer.getInteger("baton.bench.handovers", 10);
  static final int KILLS = Integer.getInteger("baton.bench.kills", 5);

  @Test
  void run() throws Exception {
    Path dir = Files.createTempDirectory("baton-bench-handover");
    Map<String, Object> results = new LinkedHashMap<>();
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("loadAverageBefore", quoted(SlackAndDeployBenchmark.loadAverage()));
    try (TwoBatons two = TwoBatons.prepare(dir)) {
      two.start("baton-a", "baton-b");
      String prod = two.prodPromotionOnHeldRollout(2).promotionId();
      Latencies sigterm = new Latencies();
      for (int i = 0; i < HANDOVERS; i++) {
        sigterm.add(trial(two, prod, false, null));
      }
      Latencies sigkill = new Latencies();
      Latencies afterExpiry = new Latencies();
      for (int i = 0; i < KILLS; i++) {
        sigkill.add(trial(two, prod, true, afterExpiry));
      }
      machine.put("loadAverageAfter", quoted(SlackAndDeployBenchmark.loadAverage()));
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("machine", machine);
      h.put("leaseTtlSeconds", 10);
      h.put("sigtermToResumed", sigterm.summary());
      h.put("sigkillToResumed", sigkill.summary());
      h.put("leaseExpiryToResumed", afterExpiry.summary());
      results.put("handover", h);
    }
    Path out = Path.of("target/bench/handover.json");
    Files.createDirectories(out.getParent());
    String json = AuditAndRegistrationBenchmark.Json.write(results);
    Files.writeString(out, json);
    System.out.println("BENCH handover " + json);
  }

  /**
   * Stops (or kills) the driving replica, waits for the other to resume, starts the stopped one
   * again; returns the microseconds from the signal to the takeover. For a kill, also records how
   * long after the dead replica's last lease expired the takeover came (the last lease it wrote is
   * the last one seen under its name before the takeover: the table is read every few ms).
   */
  private static long trial(TwoBatons two, String prod, boolean kill, Latencies afterExpiry)
      throws Exception {
    SharedSchema.LeaseRow last = two.db.lease(prod);
    String driver = last.instance();
    BatonJar jar = two.replica(driver);
    long sent = System.nanoTime();
    CompletableFuture<Void> gone = CompletableFuture.runAsync(kill ? jar::kill : jar::stop);
    long deadline = sent + Duration.ofSeconds(60).toNanos();
    while (true) {
      SharedSchema.LeaseRow now = two.db.lease(prod);
      if (now != null && !now.instance().equals(driver) && !now.handedOver()) {
        break;
      }
      if (now != null && now.instance().equals(driver)) {
        last = now;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no takeover from " + driver + "\n" + two.logs());
      }
      Thread.sleep(2);
    }
    long micros = (System.nanoTime() - sent) / 1000;
    Instant taken = Instant.now();
    if (afterExpiry != null) {
      afterExpiry.add(Math.max(0, Duration.between(last.expiresAt(), taken).toNanos() / 1000));
    }
    gone.get();
    two.start(driver);
    return micros;
  }

  private static String quoted(String s) {
    return "\"" + s + "\"";
  }
}
