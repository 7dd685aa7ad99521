package dev.baton.testing;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A {@link Promotion} with the credreg defaults: {@code p1}, credreg sandbox → prod, release {@code
 * Fixtures.tag(1)}, asked by {@link Fixtures#REQUESTER} at {@link Builders#NOW}, pending approval
 * for 24 h, first step {@link Step#VERIFY_IMAGES}.
 */
public final class PromotionBuilder {
  private String id = "p1";
  private String app = "credreg";
  private String env = "prod";
  private String sourceEnv = "sandbox";
  private PromotionKind kind = PromotionKind.PROMOTION;
  private String releaseTag = Fixtures.tag(1);
  private Map<String, String> digests = Builders.credregDigests(1);
  private String requester = Fixtures.REQUESTER;
  private PromotionState state = PromotionState.PENDING_APPROVAL;
  private Step step = Step.VERIFY_IMAGES;
  private Step failedStep;
  private int attempts;
  private Instant requestedAt = Builders.NOW;
  private Instant expiresAt = Builders.NOW.plus(Duration.ofHours(24));
  private Instant updatedAt = Builders.NOW;
  private String previousReleaseTag;
  private String reason;
  private long version;

  PromotionBuilder() {}

  /** Every field of {@code p}, to change some. */
  PromotionBuilder(Promotion p) {
    id = p.id();
    app = p.app();
    env = p.env();
    sourceEnv = p.sourceEnv();
    kind = p.kind();
    releaseTag = p.releaseTag();
    digests = p.digests();
    requester = p.requester();
    state = p.state();
    step = p.step();
    failedStep = p.failedStep();
    attempts = p.attempts();
    requestedAt = p.requestedAt();
    expiresAt = p.expiresAt();
    updatedAt = p.updatedAt();
    previousReleaseTag = p.previousReleaseTag();
    reason = p.reason();
    version = p.version();
  }

  public PromotionBuilder withId(String value) {
    id = value;
    return this;
  }

  public PromotionBuilder ofApp(String value) {
    app = value;
    return this;
  }

  public PromotionBuilder toEnv(String value) {
    env = value;
    return this;
  }

  /** The source link; null for auto-deploys and rollbacks. */
  public PromotionBuilder from(String value) {
    sourceEnv = value;
    return this;
  }

  public PromotionBuilder kind(PromotionKind value) {
    kind = value;
    return this;
  }

  public PromotionBuilder release(String tag, Map<String, String> releaseDigests) {
    releaseTag = tag;
    digests = releaseDigests;
    return this;
  }

  public PromotionBuilder requestedBy(String value) {
    requester = value;
    return this;
  }

  public PromotionBuilder inState(PromotionState value) {
    state = value;
    return this;
  }

  public PromotionBuilder atStep(Step value) {
    step = value;
    return this;
  }

  public PromotionBuilder failedAt(Step value) {
    failedStep = value;
    return this;
  }

  public PromotionBuilder attempts(int value) {
    attempts = value;
    return this;
  }

  public PromotionBuilder requestedAt(Instant value) {
    requestedAt = value;
    return this;
  }

  /** When the request expires; null for none. */
  public PromotionBuilder expiresAt(Instant value) {
    expiresAt = value;
    return this;
  }

  public PromotionBuilder updatedAt(Instant value) {
    updatedAt = value;
    return this;
  }

  public PromotionBuilder previous(String tag) {
    previousReleaseTag = tag;
    return this;
  }

  public PromotionBuilder because(String value) {
    reason = value;
    return this;
  }

  public PromotionBuilder version(long value) {
    version = value;
    return this;
  }

  public Promotion build() {
    return new Promotion(
        id,
        app,
        env,
        sourceEnv,
        kind,
        releaseTag,
        digests,
        requester,
        state,
        step,
        failedStep,
        attempts,
        requestedAt,
        expiresAt,
        updatedAt,
        previousReleaseTag,
        reason,
        version);
  }
}
