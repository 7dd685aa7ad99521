package dev.baton.pipeline;

import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.PipelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;

/** Freezing and unfreezing environments. */
public final class FreezeDesk {
  private final PipelinePorts ports;
  private final PromotionLauncher launcher;

  public FreezeDesk(PipelinePorts ports, PromotionLauncher launcher) {
    this.ports = ports;
    this.launcher = launcher;
  }

  /**
   * Freezes {@code envName}; promotions and auto-deploys into it wait, rollbacks do not.
   *
   * @param duration null for "until someone unfreezes it"
   */
  public Freeze freeze(String envName, Duration duration, String reason, String actor) {
    EnvironmentDefinition env = ports.env(envName);
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw Refusal.invalid("the freeze duration must be positive");
    }
    Denials.enforce(
        ports,
        ports.authorization().mayDeploy(env, actor),
        actor,
        "freeze",
        null,
        env.name(),
        null,
        null);
    Instant now = ports.clock().instant();
    Freeze freeze =
        new Freeze(env.name(), actor, reason, now, duration == null ? null : now.plus(duration));
    ports
        .store()
        .write(
            tx -> {
              tx.putFreeze(freeze);
              tx.audit(
                  now,
                  new AuditEntry(
                      actor, "env.frozen", null, env.name(), null, null, describe(freeze)));
              return freeze;
            });
    ports.tell(new PipelineEvent.FreezeChanged(env.name(), true, actor, reason));
    return freeze;
  }

  public void unfreeze(String envName, String actor) {
    EnvironmentDefinition env = ports.env(envName);
    Denials.enforce(
        ports,
        ports.authorization().mayUnfreeze(env, actor),
        actor,
        "unfreeze",
        null,
        env.name(),
        null,
        null);
    Instant now = ports.clock().instant();
    ports
        .store()
        .write(
            tx -> {
              var f = tx.freeze(env.name());
              if (f.isEmpty() || !f.get().activeAt(now)) {
                throw Refusal.conflict(env.name() + " is not frozen");
              }
              tx.deleteFreeze(env.name());
              tx.audit(
                  now, new AuditEntry(actor, "env.unfrozen", null, env.name(), null, null, null));
              return null;
            });
    ports.tell(new PipelineEvent.FreezeChanged(env.name(), false, actor, null));
    // approved promotions held by the freeze start now (their start gates decide)
    for (Promotion p :
        ports.store().read(r -> r.promotionsIn(EnumSet.of(PromotionState.APPROVED)))) {
      if (p.env().equals(env.name())) {
        launcher.launch(p.id());
      }
    }
  }

  static String describe(Freeze f) {
    return (f.until() == null ? "until unfrozen" : "until " + f.until())
        + (f.reason() == null || f.reason().isBlank() ? "" : ": " + f.reason());
  }
}
