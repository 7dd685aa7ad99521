package dev.baton.api;

import dev.baton.config.ThisReplica;
import dev.baton.store.Replicas;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** Which Baton processes run on this database, and which one answers. Requires the read token. */
@Controller("/api/v1/replicas")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
public class ReplicasController {
  private final Replicas replicas;
  private final ThisReplica self;

  public ReplicasController(Replicas replicas, ThisReplica self) {
    this.replicas = replicas;
    this.self = self;
  }

  /**
   * @param id the instance id
   * @param runner the identity it holds leases under ({@code instanceId#bootId})
   * @param self whether this is the replica answering
   * @param leasesHeld promotions and lanes it holds a live lease on now
   */
  @Serdeable
  public record ReplicaView(
      String id,
      String runner,
      String version,
      String host,
      long pid,
      String startedAt,
      String heartbeatAt,
      boolean self,
      int leasesHeld) {}

  @Get
  public Map<String, List<ReplicaView>> list() {
    return Map.of("replicas", views());
  }

  private List<ReplicaView> views() {
    Map<String, Integer> held = replicas.leasesHeld();
    return replicas.all().stream()
        .map(
            r -> {
              String runner = r.instanceId() + "#" + r.bootId();
              return new ReplicaView(
                  r.instanceId(),
                  runner,
                  r.version(),
                  r.host(),
                  r.pid(),
                  Instants.text(r.startedAt()),
                  Instants.text(r.heartbeatAt()),
                  runner.equals(self.owner().id()),
                  held.getOrDefault(runner, 0));
            })
        .toList();
  }
}
