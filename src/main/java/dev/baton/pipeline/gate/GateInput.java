package dev.baton.pipeline.gate;

import dev.baton.pipeline.ThreeWayDrift;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.port.RunningWorkload;
import dev.baton.pipeline.port.StoreReads;
import java.time.Instant;
import java.util.Map;

/**
 * What a gate looks at: the promotion (or the one about to be created), its environment, the store
 * as seen inside the deciding transaction, and what the source link's cluster runs.
 *
 * @param sourceRunning what runs in the source link, read just before the transaction; null when it
 *     was not read (requests, approvals, rollbacks, auto-deploys)
 * @param sourceDrift what Git holds against what runs in the source link when that link is a GitOps
 *     environment, read with {@code sourceRunning}; null when the source is not a GitOps
 *     environment or was not read
 */
public record GateInput(
    Promotion promotion,
    EnvironmentDefinition env,
    StoreReads store,
    Map<String, RunningWorkload> sourceRunning,
    ThreeWayDrift sourceDrift,
    Instant now) {
  /** Without a GitOps source's drift. */
  public GateInput(
      Promotion promotion,
      EnvironmentDefinition env,
      StoreReads store,
      Map<String, RunningWorkload> sourceRunning,
      Instant now) {
    this(promotion, env, store, sourceRunning, null, now);
  }
}
