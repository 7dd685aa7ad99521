package dev.baton.testing;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.DeploymentKind;
import java.time.Instant;
import java.util.Map;

/**
 * A {@link Deployment} with the credreg defaults: {@code Fixtures.tag(1)} promoted into sandbox by
 * promotion {@code p0} of {@link Fixtures#REQUESTER}, completed at {@link Builders#NOW}.
 */
public final class DeploymentBuilder {
  private String id = "d1";
  private String app = "credreg";
  private String env = "sandbox";
  private String releaseTag = Fixtures.tag(1);
  private Map<String, String> digests = Builders.credregDigests(1);
  private DeploymentKind kind = DeploymentKind.PROMOTION;
  private String promotionId = "p0";
  private String actor = Fixtures.REQUESTER;
  private Instant completedAt = Builders.NOW;

  DeploymentBuilder() {}

  public DeploymentBuilder withId(String value) {
    id = value;
    return this;
  }

  public DeploymentBuilder ofApp(String value) {
    app = value;
    return this;
  }

  public DeploymentBuilder in(String value) {
    env = value;
    return this;
  }

  public DeploymentBuilder release(String tag, Map<String, String> releaseDigests) {
    releaseTag = tag;
    digests = releaseDigests;
    return this;
  }

  public DeploymentBuilder kind(DeploymentKind value) {
    kind = value;
    return this;
  }

  public DeploymentBuilder byPromotion(String value) {
    promotionId = value;
    return this;
  }

  public DeploymentBuilder by(String value) {
    actor = value;
    return this;
  }

  public DeploymentBuilder completedAt(Instant value) {
    completedAt = value;
    return this;
  }

  public Deployment build() {
    return new Deployment(id, app, env, releaseTag, digests, kind, promotionId, actor, completedAt);
  }
}
