package dev.baton.pipeline.dora;

import dev.baton.pipeline.dora.DeliveryRecords.Cause;
import dev.baton.pipeline.dora.DeliveryRecords.Deployed;
import dev.baton.pipeline.dora.DeliveryRecords.Failure;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.pipeline.port.StoreReads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link DeliveryHistory} over the generic store reads: reads the lane's whole history, so it suits
 * small stores (the in-memory one); the JDBC store answers with indexed queries instead. Both
 * follow the same rules, which {@link #failureOf} states.
 */
public final class StoreDeliveryHistory implements DeliveryHistory {
  private static final Set<PromotionState> NOT_ASKED_FOR =
      Set.of(PromotionState.REJECTED, PromotionState.EXPIRED, PromotionState.CANCELLED);
  private final PipelineStore store;

  public StoreDeliveryHistory(PipelineStore store) {
    this.store = store;
  }

  @Override
  public DeliveryRecords records(String app, String env, Instant from, Instant to) {
    return store.read(r -> records(r, app, env, from, to));
  }

  private static DeliveryRecords records(
      StoreReads r, String app, String env, Instant from, Instant to) {
    List<Deployed> deployed = new ArrayList<>();
    for (Deployment d : r.deployments(app, env, Integer.MAX_VALUE)) {
      if (within(d.completedAt(), from, to)) {
        Optional<Release> release = r.release(app, d.releaseTag());
        deployed.add(
            new Deployed(
                d.completedAt(),
                d.kind(),
                d.releaseTag(),
                release.map(Release::committedAt).orElse(null),
                release.map(Release::registeredAt).orElse(null)));
      }
    }
    List<Failure> failures = new ArrayList<>();
    for (Promotion p : r.recentPromotions(app, Integer.MAX_VALUE)) {
      if (p.env().equals(env)) {
        failures.addAll(failureOf(p, from, to));
      }
    }
    return new DeliveryRecords(deployed, failures);
  }

  /**
   * The failures one promotion stands for in the period: its end when it ended FAILED or
   * ROLLED_BACK, and its request when it is a rollback someone asked for (not rejected, expired or
   * withdrawn).
   */
  public static List<Failure> failureOf(Promotion p, Instant from, Instant to) {
    List<Failure> failures = new ArrayList<>();
    if (p.state() == PromotionState.FAILED && within(p.updatedAt(), from, to)) {
      failures.add(new Failure(p.updatedAt(), Cause.FAILED_DEPLOYMENT));
    }
    if (p.state() == PromotionState.ROLLED_BACK && within(p.updatedAt(), from, to)) {
      failures.add(new Failure(p.updatedAt(), Cause.AUTO_ROLLBACK));
    }
    if (p.kind() == PromotionKind.ROLLBACK
        && !NOT_ASKED_FOR.contains(p.state())
        && within(p.requestedAt(), from, to)) {
      failures.add(new Failure(p.requestedAt(), Cause.ROLLBACK_REQUEST));
    }
    return failures;
  }

  private static boolean within(Instant at, Instant from, Instant to) {
    return at != null && !at.isBefore(from) && at.isBefore(to);
  }
}
