package dev.baton.testing;

import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.pipeline.port.PipelineStore;
import java.util.List;

/** What a store records about credreg, read in one call for an assertion. */
public final class Recorded {
  private Recorded() {}

  /** The release tag credreg's inventory records in {@code env}, or null for none. */
  public static String currentTag(PipelineStore store, String env) {
    return store
        .read(r -> r.currentDeployment("credreg", env))
        .map(Deployment::releaseTag)
        .orElse(null);
  }

  /** The promotion {@code id} as stored now; fails if there is none. */
  public static Promotion promotion(PipelineStore store, String id) {
    return store.read(r -> r.promotion(id)).orElseThrow();
  }

  /** credreg's most recently requested promotion. */
  public static Promotion latestPromotion(PipelineStore store) {
    return store.read(r -> r.recentPromotions("credreg", 1)).get(0);
  }

  /** The actions of the audit events in {@code env} (null for all), as the store lists them. */
  public static List<String> auditActions(PipelineStore store, String env, int limit) {
    return store.audit(new AuditQuery(null, env, null, null, null, null, null, limit)).stream()
        .map(AuditEvent::action)
        .toList();
  }
}
