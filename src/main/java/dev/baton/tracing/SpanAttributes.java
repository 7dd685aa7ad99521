package dev.baton.tracing;

import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The attributes every span of a promotion carries: OpenTelemetry's deployment semantic conventions
 * ({@code deployment.*}) and Baton's own ({@code baton.*}).
 */
final class SpanAttributes {
  static final String DEPLOYMENT_ENVIRONMENT = "deployment.environment.name";
  static final String DEPLOYMENT_ID = "deployment.id";
  static final String DEPLOYMENT_NAME = "deployment.name";
  static final String DEPLOYMENT_STATUS = "deployment.status";

  private SpanAttributes() {}

  static Map<String, String> promotion(Promotion p) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put(DEPLOYMENT_ENVIRONMENT, p.env());
    a.put(DEPLOYMENT_ID, p.id());
    a.put(DEPLOYMENT_NAME, "deploy " + p.app() + " " + p.releaseTag() + " to " + p.env());
    a.put("baton.app", p.app());
    a.put("baton.release", p.releaseTag());
    a.put("baton.promotion.kind", p.kind().name());
    p.digests().forEach((workload, digest) -> a.put("baton.digest." + workload, digest));
    return a;
  }

  /**
   * {@code succeeded} or {@code failed} (a rollback that put the previous release back is a failed
   * deployment) as the conventions define; a request that never ran says how it ended instead
   * ({@code rejected}, {@code expired}, {@code cancelled}).
   */
  static String status(PromotionState state) {
    return switch (state) {
      case SUCCEEDED -> "succeeded";
      case FAILED, ROLLED_BACK -> "failed";
      default -> state.name().toLowerCase(Locale.ROOT);
    };
  }
}
