package dev.baton.store;

import dev.baton.pipeline.port.StoreConflict;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code replica} table: one row per running Baton process, keyed by its instance id, with a
 * heartbeat. A process may register under an instance id only when no other <em>live</em> process
 * holds it: the row is free, its heartbeat is older than the lease TTL, or it names a process on
 * this host that is gone (a restart after a crash takes over at once). Registering is one insert or
 * one conditional update, so two processes starting together under one id cannot both win.
 */
@Singleton
public class Replicas {
  /** Boot ids registered by this JVM and not yet released (several contexts share one pid). */
  private static final Set<String> LIVE_HERE = ConcurrentHashMap.newKeySet();

  private final Jdbc jdbc;
  private final TransactionOperations<Connection> tx;
  private final Clock clock;

  public Replicas(JdbcOperations ops, TransactionOperations<Connection> tx, Clock clock) {
    this.jdbc = new Jdbc(ops);
    this.tx = tx;
    this.clock = clock;
  }

  /** A registered process. */
  public record Replica(
      String instanceId,
      String bootId,
      String version,
      String host,
      long pid,
      Instant startedAt,
      Instant heartbeatAt) {

    /** Whether the process this row names is running, as far as this host can tell. */
    boolean alive(Instant now, Duration ttl, String thisHost) {
      if (heartbeatAt.plus(ttl).isBefore(now)) {
        return false;
      }
      if (!host.equals(thisHost)) {
        return true; // another host: only the heartbeat can tell
      }
      if (pid == ProcessHandle.current().pid()) {
        return LIVE_HERE.contains(bootId);
      }
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .flatMap(p -> p.info().startInstant())
          .map(start -> !start.isAfter(startedAt))
          .orElse(false);
    }
  }

  /**
   * Registers {@code me} under its instance id, or returns the live process that holds the id.
   *
   * @return empty when registered; the holder otherwise
   */
  public Optional<Replica> register(Replica me, Duration ttl) {
    Optional<Replica> holder;
    try {
      holder = tx.executeWrite(status -> tryRegister(me, ttl));
    } catch (StoreConflict e) {
      // Another process inserted the row between our read and our insert: it is live.
      holder = tx.executeRead(status -> find(me.instanceId()));
    }
    if (holder.isEmpty()) {
      LIVE_HERE.add(me.bootId());
    }
    return holder;
  }

  private Optional<Replica> tryRegister(Replica me, Duration ttl) {
    Optional<Replica> holder = find(me.instanceId());
    if (holder.isEmpty()) {
      jdbc.update(
          "INSERT INTO replica (boot_id, version, host, pid, started_at, heartbeat_at,"
              + " instance_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
          values(me).text(me.instanceId()));
      return Optional.empty();
    }
    if (holder.get().alive(clock.instant(), ttl, me.host())) {
      return holder;
    }
    int taken =
        jdbc.update(
            "UPDATE replica SET boot_id = ?, version = ?, host = ?, pid = ?, started_at = ?,"
                + " heartbeat_at = ? WHERE instance_id = ? AND boot_id = ?",
            values(me).text(me.instanceId()).text(holder.get().bootId()));
    return taken == 1 ? Optional.empty() : find(me.instanceId());
  }

  /**
   * Renews {@code me}'s heartbeat; false when the row is no longer {@code me}'s (another process
   * took the id while this one looked dead).
   */
  public boolean heartbeat(Replica me) {
    return tx.executeWrite(
            status ->
                jdbc.update(
                    "UPDATE replica SET heartbeat_at = ? WHERE instance_id = ? AND boot_id = ?",
                    Params.of().time(clock.instant()).text(me.instanceId()).text(me.bootId())))
        == 1;
  }

  /** Removes {@code me} (a graceful stop): a successor under the same id starts at once. */
  public void release(Replica me) {
    LIVE_HERE.remove(me.bootId());
    tx.executeWrite(
        status ->
            jdbc.update(
                "DELETE FROM replica WHERE instance_id = ? AND boot_id = ?",
                Params.of().text(me.instanceId()).text(me.bootId())));
  }

  /** Every registered process, live or not yet expired, by instance id. */
  public List<Replica> all() {
    return tx.executeRead(
        status ->
            jdbc.query(
                "SELECT * FROM replica ORDER BY instance_id", Params.of(), Replicas::replica));
  }

  /** How many live leases each owner ({@code instanceId#bootId}) holds now, in one query. */
  public Map<String, Integer> leasesHeld() {
    Map<String, Integer> held = new HashMap<>();
    tx.executeRead(
            status ->
                jdbc.query(
                    "SELECT owner, COUNT(*) AS n FROM lease WHERE owner IS NOT NULL"
                        + " AND expires_at > ? GROUP BY owner",
                    Params.of().time(clock.instant()),
                    rs -> Map.entry(rs.getString("owner"), rs.getInt("n"))))
        .forEach(e -> held.put(e.getKey(), e.getValue()));
    return held;
  }

  private Optional<Replica> find(String instanceId) {
    return jdbc.one(
        "SELECT * FROM replica WHERE instance_id = ?",
        Params.of().text(instanceId),
        Replicas::replica);
  }

  private Params values(Replica me) {
    Instant now = clock.instant();
    return Params.of()
        .text(me.bootId())
        .text(me.version())
        .text(me.host())
        .num(me.pid())
        .time(me.startedAt())
        .time(now);
  }

  private static Replica replica(ResultSet rs) throws SQLException {
    return new Replica(
        rs.getString("instance_id"),
        rs.getString("boot_id"),
        rs.getString("version"),
        rs.getString("host"),
        rs.getLong("pid"),
        Jdbc.time(rs, "started_at"),
        Jdbc.time(rs, "heartbeat_at"));
  }
}
