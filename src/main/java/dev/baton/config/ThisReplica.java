package dev.baton.config;

import dev.baton.pipeline.LeaseOwner;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.store.Replicas;
import dev.baton.store.Replicas.Replica;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process as a replica: registered under its instance id before it takes any lease, with a
 * heartbeat every third of the lease TTL, removed at a graceful stop. A second live process under
 * the same id is refused at startup ({@code baton.instance-id} named), or — with {@code
 * baton.instance-id-suffix: true} — runs under the id with its boot id appended, and says so.
 */
@Context
public class ThisReplica {
  private static final Logger LOG = LoggerFactory.getLogger(ThisReplica.class);

  private final Replicas replicas;
  private final BuildInfo build;
  private final Replica me;
  private final LeaseOwner owner;
  private final ScheduledExecutorService heartbeat;
  private final AtomicBoolean lost = new AtomicBoolean();

  /**
   * @param pipeline unused here: asking for it has the whole configuration checked first, so that a
   *     bad value is named by its key rather than by a failed binding
   */
  public ThisReplica(
      Pipeline pipeline, InstanceSettings instance, RunnerSettings runner, Replicas replicas) {
    this.replicas = replicas;
    this.build = BuildInfo.read();
    Duration ttl = runner.leaseTtl();
    String wanted = instance.id().orElseGet(ThisReplica::hostname);
    LeaseOwner candidate = LeaseOwner.forInstance(wanted);
    Replica replica = replica(candidate);
    Optional<Replica> holder = replicas.register(replica, ttl);
    if (holder.isPresent()) {
      if (!instance.suffix()) {
        throw new ConfigurationError(List.of(refusal(wanted, holder.get())));
      }
      candidate = new LeaseOwner(wanted + "-" + candidate.bootId(), candidate.bootId());
      replica = replica(candidate);
      if (replicas.register(replica, ttl).isPresent()) {
        throw new ConfigurationError(List.of(refusal(candidate.instanceId(), holder.get())));
      }
      LOG.warn(
          "Another live Baton is registered as {} ({}); this one runs as {}"
              + " (baton.instance-id-suffix)",
          wanted,
          where(holder.get()),
          candidate.instanceId());
    }
    this.me = replica;
    this.owner = candidate;
    LOG.info(
        "Baton {} runs as replica {} on host {}, pid {}",
        build.describe(),
        owner.id(),
        me.host(),
        me.pid());
    heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "baton-replica-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(1, ttl.toMillis() / 3);
    heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  /** The identity this process holds leases under. */
  public LeaseOwner owner() {
    return owner;
  }

  public Replica replica() {
    return me;
  }

  public BuildInfo build() {
    return build;
  }

  private void beat() {
    try {
      if (!replicas.heartbeat(me) && lost.compareAndSet(false, true)) {
        LOG.error(
            "This replica's registration as {} was taken by another process, which found it"
                + " silent for longer than the lease TTL: two processes may now act under one"
                + " id. Stop one of them (baton.instance-id)",
            me.instanceId());
      }
    } catch (RuntimeException e) {
      LOG.warn("Replica heartbeat failed: {}", e.toString());
    }
  }

  @PreDestroy
  void stop() {
    heartbeat.shutdownNow();
    try {
      replicas.release(me);
    } catch (RuntimeException e) {
      LOG.warn("Could not remove this replica's registration: {}", e.toString());
    }
  }

  private Replica replica(LeaseOwner o) {
    ProcessHandle self = ProcessHandle.current();
    Instant started = self.info().startInstant().orElse(Instant.now());
    return new Replica(
        o.instanceId(), o.bootId(), build.version(), hostname(), self.pid(), started, started);
  }

  private static String refusal(String id, Replica holder) {
    return "baton.instance-id: another Baton is running as `"
        + id
        + "` ("
        + where(holder)
        + "). Give each replica its own baton.instance-id (BATON_INSTANCE_ID; it defaults to the"
        + " host name), or set baton.instance-id-suffix: true to let Baton append a unique"
        + " suffix";
  }

  private static String where(Replica r) {
    return "host " + r.host() + ", pid " + r.pid() + ", last heartbeat " + r.heartbeatAt();
  }

  static String hostname() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "baton";
    }
  }
}
