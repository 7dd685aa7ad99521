package dev.baton.testing;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.Approval;
import dev.baton.pipeline.model.Promotion;
import java.time.Instant;

/**
 * An {@link Approval} of promotion {@code p1} by {@link Fixtures#APPROVER_1} at {@link
 * Builders#NOW}.
 */
public final class ApprovalBuilder {
  private String promotionId = "p1";
  private String approver = Fixtures.APPROVER_1;
  private Instant approvedAt = Builders.NOW;

  ApprovalBuilder() {}

  public ApprovalBuilder of(String value) {
    promotionId = value;
    return this;
  }

  public ApprovalBuilder of(Promotion p) {
    return of(p.id());
  }

  public ApprovalBuilder by(String value) {
    approver = value;
    return this;
  }

  public ApprovalBuilder at(Instant value) {
    approvedAt = value;
    return this;
  }

  public Approval build() {
    return new Approval(promotionId, approver, approvedAt);
  }
}
