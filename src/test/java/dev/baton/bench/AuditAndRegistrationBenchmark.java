package dev.baton.bench;

import dev.baton.fakes.FakeCluster;
import dev.baton.fakes.FakeRegistry;
import dev.baton.fakes.FakeSmokeChecker;
import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.RecordingChat;
import dev.baton.pipeline.LeaseOwner;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.RegisterBuild;
import dev.baton.pipeline.model.AuditChain;
import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.store.JdbcPipelineStore;
import dev.baton.testing.InProcessBaton;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.transaction.TransactionOperations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Audit queries over 1,000,000 events (by environment, release, user, time range) and build
 * registrations per second, on H2 and (when {@code BATON_TEST_POSTGRES_URL} is set) PostgreSQL. Run
 * by {@code bench/run.sh}; figures go to {@code target/bench/audit.json}. Not part of the normal
 * test run (tag {@code benchmark}).
 */
@Tag("benchmark")
class AuditAndRegistrationBenchmark {
  static final int EVENTS = Integer.getInteger("baton.bench.events", 1_000_000);
  static final int QUERIES = Integer.getInteger("baton.bench.queries", 300);
  static final int REGISTRATIONS = Integer.getInteger("baton.bench.registrations", 3000);
  static final String[] ENVS = {"test", "sandbox", "prod"};

  @Test
  void run() throws Exception {
    Map<String, Object> results = new LinkedHashMap<>();
    Path dir = Files.createTempDirectory("baton-bench");
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
    Path out = Path.of("target/bench/audit.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, Json.write(results));
    System.out.println("BENCH audit " + Json.write(results));
  }

  private Map<String, Object> measure(String url, String user, String password) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    try (ApplicationContext ctx =
        InProcessBaton.builder().database(url, user, password).start().context()) {
      InProcessBaton.emptyTables(ctx);
      PipelineStore store = ctx.getBean(JdbcPipelineStore.class);
      r.put("registrationsPerSecond", registrations(store));
      long t0 = System.nanoTime();
      load(ctx);
      r.put("loadSeconds", (System.nanoTime() - t0) / 1e9);
      Random random = new Random(7);
      Instant start = Instant.parse("2026-08-01T00:00:00Z");
      r.put("byEnv", latency(i -> store.audit(q(null, ENVS[i % 3], null, null, null, null))));
      r.put(
          "byRelease",
          latency(
              i ->
                  store.audit(
                      q(null, null, Fixtures.tag(random.nextInt(2000)), null, null, null))));
      r.put(
          "byUser",
          latency(i -> store.audit(q(null, null, null, "U" + random.nextInt(50), null, null))));
      r.put(
          "byTimeRange",
          latency(
              i -> {
                Instant from = start.plus(Duration.ofHours(random.nextInt(90 * 24)));
                return store.audit(q(null, null, null, null, from, from.plus(Duration.ofDays(1))));
              }));
      r.put(
          "byAppEnvUserRange",
          latency(
              i -> {
                Instant from = start.plus(Duration.ofDays(random.nextInt(80)));
                return store.audit(
                    q(
                        "app" + random.nextInt(5),
                        ENVS[random.nextInt(3)],
                        null,
                        "U" + random.nextInt(50),
                        from,
                        from.plus(Duration.ofDays(7))));
              }));
    }
    return r;
  }

  private static AuditQuery q(
      String app, String env, String release, String actor, Instant from, Instant to) {
    return new AuditQuery(app, env, release, actor, from, to, null, 50);
  }

  /** Registrations through the core on this store, registry checks on the in-memory fake. */
  private static double registrations(PipelineStore store) {
    Faults faults = new Faults();
    FakeRegistry registry = new FakeRegistry(faults);
    var fixture = Fixtures.credreg();
    // measure registration alone: no auto-deploy
    var pipeline =
        new dev.baton.pipeline.model.Pipeline(
            fixture.environments().stream()
                .map(
                    e ->
                        new dev.baton.pipeline.model.EnvironmentDefinition(
                            e.name(),
                            e.kubeconfig(),
                            e.context(),
                            e.namespace(),
                            withoutAutoDeploy(e.policy())))
                .toList(),
            fixture.apps());
    AtomicLong ids = new AtomicLong();
    PipelineCore core =
        PipelineCore.create(
            new PipelinePorts(
                pipeline,
                store,
                registry,
                new FakeCluster(faults),
                new FakeSmokeChecker(faults),
                new RecordingChat(),
                Fixtures.directory(),
                Clock.systemUTC(),
                () -> "bench-" + ids.incrementAndGet()),
            Runnable::run,
            LeaseOwner.forInstance("bench"),
            Duration.ofSeconds(30),
            3);
    List<RegisterBuild> builds = new ArrayList<>();
    for (int n = 0; n < REGISTRATIONS; n++) {
      String main = Fixtures.digest("bench-main-" + n);
      String worker = Fixtures.digest("bench-worker-" + n);
      registry.push("default", "credreg/main-app", main);
      registry.push("default", "credreg/worker-app", worker);
      builds.add(
          new RegisterBuild(
              "credreg",
              String.format("%040x", n + 1L),
              "abcdef1",
              null,
              Map.of("main-app", main, "worker-app", worker)));
    }
    long t0 = System.nanoTime();
    for (RegisterBuild b : builds) {
      core.builds().register(b, "ci");
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return Math.round(REGISTRATIONS / seconds);
  }

  private static dev.baton.pipeline.model.EnvironmentPolicy withoutAutoDeploy(
      dev.baton.pipeline.model.EnvironmentPolicy p) {
    return new dev.baton.pipeline.model.EnvironmentPolicy(
        false,
        p.requiredApprovals(),
        p.approvers(),
        p.deployers(),
        p.admins(),
        p.selfApprovalForbidden(),
        p.minimumBake(),
        p.approvalTtl(),
        p.rollbackApprovals(),
        p.autoRollback(),
        p.pointerTags(),
        p.freezeAfterRollback());
  }

  private static Map<String, Object> latency(IntFunction<List<AuditEvent>> query) {
    for (int i = 0; i < 30; i++) {
      query.apply(i); // warm-up
    }
    long[] nanos = new long[QUERIES];
    for (int i = 0; i < QUERIES; i++) {
      long t0 = System.nanoTime();
      query.apply(i);
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p50ms", nanos[QUERIES / 2] / 1e6);
    m.put("p95ms", nanos[(int) (QUERIES * 0.95)] / 1e6);
    m.put("maxMs", nanos[QUERIES - 1] / 1e6);
    return m;
  }

  /** Writes {@link #EVENTS} chained audit rows in batches, as the store would have. */
  @SuppressWarnings("unchecked")
  private static void load(ApplicationContext ctx) {
    TransactionOperations<Connection> tx =
        ctx.getBean(Argument.of(TransactionOperations.class, Connection.class));
    Random random = new Random(42);
    Instant start = Instant.parse("2026-08-01T00:00:00Z");
    long[] seq = {auditHead(tx, "seq", Long.class)};
    String[] hash = {auditHead(tx, "hash", String.class)};
    int batch = 5_000;
    for (int done = 0; done < EVENTS; done += batch) {
      int n = Math.min(batch, EVENTS - done);
      tx.executeWrite(
          status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO audit_event (seq, at, actor, action, app, env,"
                        + " release_tag, promotion_id, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
              for (int i = 0; i < n; i++) {
                Instant at = start.plusMillis((long) ((seq[0] + 1) * (90L * 86_400_000L / EVENTS)));
                AuditEvent e =
                    AuditChain.next(
                        seq[0],
                        hash[0],
                        at,
                        new AuditEntry(
                            "U" + random.nextInt(50),
                            random.nextBoolean() ? "promotion.approval" : "step.succeeded",
                            "app" + random.nextInt(5),
                            ENVS[random.nextInt(3)],
                            Fixtures.tag(random.nextInt(2000)),
                            "p" + random.nextInt(100_000),
                            "SET_IMAGES: 2 workloads set"));
                ps.setLong(1, e.seq());
                ps.setObject(2, e.at().atOffset(java.time.ZoneOffset.UTC));
                ps.setString(3, e.actor());
                ps.setString(4, e.action());
                ps.setString(5, e.app());
                ps.setString(6, e.env());
                ps.setString(7, e.releaseTag());
                ps.setString(8, e.promotionId());
                ps.setString(9, e.detail());
                ps.setString(10, e.prevHash());
                ps.setString(11, e.hash());
                ps.addBatch();
                seq[0] = e.seq();
                hash[0] = e.hash();
              }
              ps.executeBatch();
            }
            try (PreparedStatement ps =
                c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
              ps.setLong(1, seq[0]);
              ps.setString(2, hash[0]);
              ps.executeUpdate();
            }
            return null;
          });
    }
    tx.executeWrite(
        status -> {
          try (var s = status.getConnection().createStatement()) {
            s.execute("ANALYZE");
          } catch (java.sql.SQLException e) {
            // H2 understands ANALYZE too; ignore where it does not
          }
          return null;
        });
  }

  /** A column of the audit chain's head row. */
  private static <T> T auditHead(
      TransactionOperations<Connection> tx, String column, Class<T> type) {
    return tx.executeRead(
        s -> {
          try (var rs =
              s.getConnection()
                  .createStatement()
                  .executeQuery("SELECT " + column + " FROM audit_head WHERE id = 1")) {
            rs.next();
            return rs.getObject(1, type);
          }
        });
  }

  /** A tiny JSON writer for flat maps of numbers and nested maps. */
  static final class Json {
    static String write(Object o) {
      if (o instanceof Map<?, ?> m) {
        StringBuilder b = new StringBuilder("{");
        m.forEach(
            (k, v) ->
                b.append(b.length() > 1 ? "," : "")
                    .append('"')
                    .append(k)
                    .append("\":")
                    .append(write(v)));
        return b.append('}').toString();
      }
      if (o instanceof Double d) {
        return String.format(java.util.Locale.ROOT, "%.3f", d);
      }
      return String.valueOf(o);
    }
  }
}
