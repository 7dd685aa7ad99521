package dev.baton.pipeline.gate;

import dev.baton.pipeline.ThreeWayDrift;
import dev.baton.pipeline.model.AnalysisPolicy;
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
 * @param sourceAnalysis the source link's metric analysis (its {@code bake} flag gates promotions
 *     out of it); {@link AnalysisPolicy#NONE} when there is no source or it has none
 */
public record GateInput(
    Promotion promotion,
    EnvironmentDefinition env,
    StoreReads store,
    Map<String, RunningWorkload> sourceRunning,
    ThreeWayDrift sourceDrift,
    Instant now,
    AnalysisPolicy sourceAnalysis) {
  public GateInput {
    sourceAnalysis = sourceAnalysis == null ? AnalysisPolicy.NONE : sourceAnalysis;
  }

  /** Without a GitOps source's drift. */
  public GateInput(
      Promotion promotion,
      EnvironmentDefinition env,
      StoreReads store,
      Map<String, RunningWorkload> sourceRunning,
      Instant now,
      AnalysisPolicy sourceAnalysis) {
    this(promotion, env, store, sourceRunning, null, now, sourceAnalysis);
  }

  /** Where the source's analysis does not matter (no BAKED gate is asked). */
  public GateInput(
      Promotion promotion,
      EnvironmentDefinition env,
      StoreReads store,
      Map<String, RunningWorkload> sourceRunning,
      ThreeWayDrift sourceDrift,
      Instant now) {
    this(promotion, env, store, sourceRunning, sourceDrift, now, AnalysisPolicy.NONE);
  }

  /** Neither a GitOps source's drift nor the source's analysis. */
  public GateInput(
      Promotion promotion,
      EnvironmentDefinition env,
      StoreReads store,
      Map<String, RunningWorkload> sourceRunning,
      Instant now) {
    this(promotion, env, store, sourceRunning, null, now, AnalysisPolicy.NONE);
  }
}
