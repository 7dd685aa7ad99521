package dev.baton.pipeline.dora;

import dev.baton.pipeline.dora.DeliveryRecords.Deployed;
import dev.baton.pipeline.dora.DeliveryRecords.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A lane's incidents: one opens at a failure and is restored by the next successful deployment (of
 * any kind, a rollback included). A failure while one is open belongs to it. At equal instants the
 * deployment comes first: a failure cannot be restored by what ran before it.
 *
 * @param restored the duration of each restored incident, in order
 * @param openSince when the incident still open at the end began, or null
 * @param lastRestoredAt the deployment that restored the last incident, or null
 */
record Incidents(List<Duration> restored, Instant openSince, Instant lastRestoredAt) {
  static Incidents of(DeliveryRecords records) {
    List<Duration> restored = new ArrayList<>();
    Instant openSince = null;
    Instant lastRestoredAt = null;
    List<Deployed> deployments = records.deployments();
    List<Failure> failures = records.failures();
    int d = 0;
    int f = 0;
    while (d < deployments.size() || f < failures.size()) {
      boolean deploymentNext =
          f >= failures.size()
              || (d < deployments.size()
                  && !deployments.get(d).completedAt().isAfter(failures.get(f).at()));
      if (deploymentNext) {
        Instant at = deployments.get(d++).completedAt();
        if (openSince != null) {
          restored.add(Duration.between(openSince, at));
          lastRestoredAt = at;
          openSince = null;
        }
      } else {
        Failure failure = failures.get(f++);
        openSince = openSince == null ? failure.at() : openSince;
      }
    }
    return new Incidents(restored, openSince, lastRestoredAt);
  }
}
