package dev.baton.bench;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.dora.DoraQueries;
import dev.baton.testing.InProcessBaton;
import dev.baton.testing.TestWorld;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.transaction.TransactionOperations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stage {@code dora}: the query behind {@code /baton dora credreg} (every environment, 30 days)
 * over a year of credreg's history — 20 deployments a day in test, 5 in sandbox, 2 in prod, each
 * with its promotion, one in ten failed, one rollback a week per environment — beside {@link
 * #EVENTS} audit rows. On H2, and on PostgreSQL when scripts/test-services.sh gives one.
 */
@Tag("benchmark")
class DoraBenchmark {
  static final int EVENTS = Integer.getInteger("baton.bench.events", 1_000_000);
  static final int QUERIES = Integer.getInteger("baton.bench.queries", 300);
  static final String[] ENVS = {"test", "sandbox", "prod"};
  static final int[] PER_DAY = {20, 5, 2};
  static final Instant END = Instant.parse("2026-11-22T09:00:00Z");

  @Test
  void run() throws Exception {
    Map<String, Object> results = new LinkedHashMap<>();
    Path dir = Files.createTempDirectory("baton-bench-dora");
    results.put("h2", measure(InProcessBaton.h2File(dir.resolve("baton")), "sa", ""));
    String pg = System.getenv("BATON_TEST_POSTGRES_URL");
    if (pg != null && !pg.isBlank()) {
      results.put(
          "postgresql",
          measure(
              pg,
              System.getenv().getOrDefault("BATON_TEST_POSTGRES_USER", "postgres"),
              System.getenv().getOrDefault("BATON_TEST_POSTGRES_PASSWORD", "")));
    }
    Path out = Path.of("target/bench/dora.json");
    Files.createDirectories(out.getParent());
    String json = AuditAndRegistrationBenchmark.Json.write(results);
    Files.writeString(out, json);
    System.out.println("BENCH dora " + json);
  }

  private Map<String, Object> measure(String url, String user, String password) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    try (ApplicationContext ctx =
        InProcessBaton.builder()
            .database(url, user, password)
            .world(TestWorld.credreg())
            .start()
            .context()) {
      InProcessBaton.emptyTables(ctx);
      long t0 = System.nanoTime();
      int[] rows = load(ctx);
      r.put("loadSeconds", (System.nanoTime() - t0) / 1e9);
      r.put("auditEvents", EVENTS);
      r.put("deployments", rows[0]);
      r.put("promotions", rows[1]);
      DoraQueries dora = ctx.getBean(DoraQueries.class);
      r.put("allEnvs30d", latency(() -> dora.figures("credreg", null, Duration.ofDays(30))));
      r.put("prod366d", latency(() -> dora.figures("credreg", "prod", Duration.ofDays(366))));
    }
    return r;
  }

  private static Map<String, Object> latency(Runnable query) {
    for (int i = 0; i < 30; i++) {
      query.run(); // warm-up
    }
    long[] nanos = new long[QUERIES];
    for (int i = 0; i < QUERIES; i++) {
      long t0 = System.nanoTime();
      query.run();
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p50ms", nanos[QUERIES / 2] / 1e6);
    m.put("p95ms", nanos[(int) (QUERIES * 0.95)] / 1e6);
    m.put("maxMs", nanos[QUERIES - 1] / 1e6);
    return m;
  }

  /** Deployments, promotions, releases and audit rows in batches; returns their counts. */
  @SuppressWarnings("unchecked")
  private static int[] load(ApplicationContext ctx) {
    TransactionOperations<Connection> tx =
        ctx.getBean(Argument.of(TransactionOperations.class, Connection.class));
    Random random = new Random(42);
    Instant start = END.minus(Duration.ofDays(365));
    int[] counts = new int[2];
    tx.executeWrite(
        status -> {
          Connection c = status.getConnection();
          try (PreparedStatement rel =
                  c.prepareStatement(
                      "INSERT INTO release (app, tag, commit, digests, registered_at,"
                          + " committed_at) VALUES ('credreg', ?, 'abcdef1', 'main-app=x', ?, ?)");
              PreparedStatement dep =
                  c.prepareStatement(
                      "INSERT INTO deployment (id, app, env, release_tag, digests, kind,"
                          + " promotion_id, completed_at) VALUES (?, 'credreg', ?, ?,"
                          + " 'main-app=x', ?, ?, ?)");
              PreparedStatement pro =
                  c.prepareStatement(
                      "INSERT INTO promotion (id, app, env, kind, release_tag, digests, state,"
                          + " attempts, requested_at, updated_at, version) VALUES (?, 'credreg',"
                          + " ?, ?, ?, 'main-app=x', ?, 1, ?, ?, 1)")) {
            int n = 0;
            for (int e = 0; e < ENVS.length; e++) {
              long every = 86_400_000L / PER_DAY[e];
              for (Instant at = start; at.isBefore(END); at = at.plusMillis(every)) {
                String tag = Fixtures.tag(n);
                String id = "b" + n++;
                boolean failed = random.nextInt(10) == 0;
                boolean rollback = random.nextInt(7 * PER_DAY[e]) == 0;
                String kind = rollback ? "ROLLBACK" : e == 0 ? "AUTO_DEPLOY" : "PROMOTION";
                rel.setString(1, tag);
                rel.setObject(2, at.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC));
                rel.setObject(3, at.minus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC));
                rel.addBatch();
                pro.setString(1, id);
                pro.setString(2, ENVS[e]);
                pro.setString(3, kind);
                pro.setString(4, tag);
                pro.setString(5, failed ? "FAILED" : "SUCCEEDED");
                pro.setObject(6, at.minus(Duration.ofMinutes(10)).atOffset(ZoneOffset.UTC));
                pro.setObject(7, at.atOffset(ZoneOffset.UTC));
                pro.addBatch();
                counts[1]++;
                if (!failed) {
                  dep.setString(1, id);
                  dep.setString(2, ENVS[e]);
                  dep.setString(3, tag);
                  dep.setString(4, rollback ? "ROLLBACK" : e == 0 ? "AUTO" : "PROMOTION");
                  dep.setString(5, id);
                  dep.setObject(6, at.atOffset(ZoneOffset.UTC));
                  dep.addBatch();
                  counts[0]++;
                }
              }
            }
            rel.executeBatch();
            pro.executeBatch();
            dep.executeBatch();
          } catch (java.sql.SQLException ex) {
            throw new IllegalStateException(ex);
          }
          return null;
        });
    auditRows(tx, random, start);
    return counts;
  }

  /** Unchained rows: the DORA queries do not read the audit log, it only has to be there. */
  private static void auditRows(
      TransactionOperations<Connection> tx, Random random, Instant start) {
    int batch = 10_000;
    String zeros = "0".repeat(64);
    for (int done = 0; done < EVENTS; done += batch) {
      int from = done;
      int n = Math.min(batch, EVENTS - done);
      tx.executeWrite(
          status -> {
            try (PreparedStatement ps =
                status
                    .getConnection()
                    .prepareStatement(
                        "INSERT INTO audit_event (seq, at, actor, action, app, env, release_tag,"
                            + " promotion_id, detail, prev_hash, hash)"
                            + " VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
              for (int i = 0; i < n; i++) {
                long seq = from + i + 1;
                ps.setLong(1, seq);
                ps.setObject(
                    2,
                    start.plusMillis(seq * (365L * 86_400_000L / EVENTS)).atOffset(ZoneOffset.UTC));
                ps.setString(3, "U" + random.nextInt(50));
                ps.setString(4, random.nextBoolean() ? "promotion.approval" : "step.succeeded");
                ps.setString(5, "credreg");
                ps.setString(6, ENVS[random.nextInt(3)]);
                ps.setString(7, Fixtures.tag(random.nextInt(2000)));
                ps.setString(8, "b" + random.nextInt(10_000));
                ps.setString(9, "SET_IMAGES: 2 workloads set");
                ps.setString(10, zeros);
                ps.setString(11, zeros);
                ps.addBatch();
              }
              ps.executeBatch();
            } catch (java.sql.SQLException ex) {
              throw new IllegalStateException(ex);
            }
            return null;
          });
    }
    tx.executeWrite(
        status -> {
          try (var s = status.getConnection().createStatement()) {
            s.execute("ANALYZE");
          } catch (java.sql.SQLException e) {
            // not every database needs it
          }
          return null;
        });
  }
}
