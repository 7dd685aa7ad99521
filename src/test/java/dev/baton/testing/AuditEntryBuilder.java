package dev.baton.testing;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.AuditEntry;

/**
 * An {@link AuditEntry}: {@link Fixtures#REQUESTER} did {@code promotion.requested} on credreg in
 * prod; no release, promotion or detail.
 */
public final class AuditEntryBuilder {
  private String actor = Fixtures.REQUESTER;
  private String action = "promotion.requested";
  private String app = "credreg";
  private String env = "prod";
  private String releaseTag;
  private String promotionId;
  private String detail;

  AuditEntryBuilder() {}

  public AuditEntryBuilder by(String value) {
    actor = value;
    return this;
  }

  public AuditEntryBuilder action(String value) {
    action = value;
    return this;
  }

  public AuditEntryBuilder ofApp(String value) {
    app = value;
    return this;
  }

  /** The environment; null for none. */
  public AuditEntryBuilder in(String value) {
    env = value;
    return this;
  }

  public AuditEntryBuilder release(String tag) {
    releaseTag = tag;
    return this;
  }

  public AuditEntryBuilder promotion(String id) {
    promotionId = id;
    return this;
  }

  public AuditEntryBuilder detail(String value) {
    detail = value;
    return this;
  }

  public AuditEntry build() {
    return new AuditEntry(actor, action, app, env, releaseTag, promotionId, detail);
  }
}
