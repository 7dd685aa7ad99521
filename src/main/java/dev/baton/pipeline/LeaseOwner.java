package dev.baton.pipeline;

import dev.baton.pipeline.model.Lease;
import java.time.Instant;
import java.util.UUID;

/**
 * The identity a runner holds leases under: {@code instanceId#bootId}. The instance id is stable
 * for a replica (its host or pod name) and must differ between replicas; the boot id is new for
 * every start, so a restarted replica recognises the leases its previous life left behind.
 */
public record LeaseOwner(String instanceId, String bootId) {
  public static LeaseOwner forInstance(String instanceId) {
    return new LeaseOwner(instanceId, UUID.randomUUID().toString().substring(0, 8));
  }

  public String id() {
    return instanceId + "#" + bootId;
  }

  /**
   * A lease may be taken when it is ours, has expired, or was left by an earlier start of this same
   * instance (which is therefore dead).
   */
  public boolean mayTake(Lease lease, String promotionId, Instant now) {
    if (lease.owner().equals(id())) {
      return lease.promotionId().equals(promotionId) || lease.expiredAt(now);
    }
    return lease.expiredAt(now) || lease.owner().startsWith(instanceId + "#");
  }
}
