package dev.baton.pipeline;

import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.model.AuditEntry;

/** Turns a denied verdict into an audited refusal. */
final class Denials {
  private Denials() {}

  /** Throws if the verdict is a denial, after recording the attempt in the audit log. */
  static void enforce(
      PipelinePorts ports,
      Verdict verdict,
      String actor,
      String attempted,
      String app,
      String env,
      String releaseTag,
      String promotionId) {
    if (verdict instanceof Verdict.Denied denied) {
      ports
          .store()
          .write(
              tx ->
                  tx.audit(
                      ports.clock().instant(),
                      new AuditEntry(
                          actor,
                          "denied." + attempted,
                          app,
                          env,
                          releaseTag,
                          promotionId,
                          denied.reason())));
      throw Refusal.forbidden("Not allowed: " + denied.reason() + ".");
    }
  }
}
