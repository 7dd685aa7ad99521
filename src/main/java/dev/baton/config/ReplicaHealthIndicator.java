package dev.baton.config;

import dev.baton.store.Replicas;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code /health} → {@code replicas}: which Baton answers (id, version, commit) and which others
 * are registered on the same database. Always UP: it informs, the database indicator judges.
 */
@Singleton
public class ReplicaHealthIndicator implements HealthIndicator {
  private final ThisReplica self;
  private final Replicas replicas;

  public ReplicaHealthIndicator(ThisReplica self, Replicas replicas) {
    this.self = self;
    this.replicas = replicas;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("self", self.owner().id());
    d.put("version", self.build().version());
    d.put("commit", self.build().commit());
    List<Map<String, Object>> all;
    try {
      all =
          replicas.all().stream()
              .map(
                  r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", r.instanceId() + "#" + r.bootId());
                    m.put("version", r.version());
                    m.put("host", r.host());
                    m.put("heartbeatAt", r.heartbeatAt().toString());
                    return m;
                  })
              .toList();
    } catch (RuntimeException e) {
      all = List.of(); // the database indicator reports why
    }
    d.put("replicas", all);
    return Publishers.just(HealthResult.builder("replicas", HealthStatus.UP).details(d).build());
  }
}
