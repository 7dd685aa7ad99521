package dev.baton.pipeline.port;

import dev.baton.pipeline.model.Lease;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.UnrecordedImages;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What happened, told to people after the change is committed. */
public sealed interface PipelineEvent {
  /** A new release was registered by CI. */
  record ReleaseRegistered(Release release) implements PipelineEvent {}

  /** A promotion changed state (requested, approved, started, ended). */
  record PromotionChanged(Promotion promotion, String actor, String message)
      implements PipelineEvent {}

  /** Someone approved; more approvals may still be missing. */
  record ApprovalAdded(Promotion promotion, String approver, int approvals, int required)
      implements PipelineEvent {}

  /** A step of a running promotion started, progressed or ended. */
  record StepChanged(Promotion promotion, Step step, String message) implements PipelineEvent {}

  /**
   * A running promotion was picked up again at its persisted step by {@code runner} (an {@code
   * instanceId#bootId}): after a restart, a takeover from a replica whose lease expired, or a
   * hand-over at shutdown. {@code previous} is the lease it took over, or null when there was none.
   */
  record PromotionResumed(Promotion promotion, String runner, Lease previous)
      implements PipelineEvent {
    private static final DateTimeFormatter AT =
        DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /**
     * Why the promotion needed resuming, in words: "handed over by baton-b as it stopped", "baton-b
     * restarted", "baton-b stopped answering; its lease expired at 14:02:11 UTC".
     */
    public String cause() {
      if (previous == null) {
        return "no runner held it";
      }
      String was = instance(previous.owner());
      if (previous.handedOver()) {
        return "handed over by " + was + " as it stopped";
      }
      if (was.equals(instance(runner))) {
        return was + " restarted";
      }
      return was + " stopped answering; its lease expired at " + AT.format(previous.expiresAt());
    }

    private static String instance(String owner) {
      int hash = owner.lastIndexOf('#');
      return hash < 0 ? owner : owner.substring(0, hash);
    }
  }

  /**
   * A request waiting for approval reached its reminder time: its approvers who can still act are
   * reminded once.
   */
  record ApprovalReminderDue(Promotion promotion) implements PipelineEvent {}

  /**
   * The first deployment Baton makes into an environment started while the environment ran images
   * Baton has no deployment of (a cluster that ran before Baton was adopted): it replaces them.
   */
  record UnrecordedImagesReplaced(Promotion promotion, UnrecordedImages replaced)
      implements PipelineEvent {}

  /**
   * A break-glass promotion was requested, approved by one of its approvers, or started past the
   * gates it overrides ({@code detail} names them). Announced in the channel and counted.
   */
  record BreakGlassUsed(Promotion promotion, BreakGlassAct act, String actor, String detail)
      implements PipelineEvent {}

  /** What was done with a break-glass promotion; {@link #label} is the metric's {@code event}. */
  enum BreakGlassAct {
    REQUESTED("requested"),
    APPROVED("approved"),
    OVERRIDE("override");

    private final String label;

    BreakGlassAct(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * A release's checks started to breach in a metric-gated source link: its bake clock restarted,
   * and promotions to {@code nextEnv} wait until the checks held for {@code minimum} again. Told
   * once per breach.
   *
   * @param breach what the evaluation said, e.g. {@code error-rate 0.023 ≥ 0.01}
   * @param at when the breaching evaluation was made
   */
  record BakeBreached(
      String app,
      String env,
      String releaseTag,
      String nextEnv,
      String breach,
      java.time.Instant at,
      java.time.Duration minimum)
      implements PipelineEvent {}

  /**
   * The checks of a metric-gated source link hold again after a breach: the release may leave for
   * {@code nextEnv} from {@code mayGoAt} (its healthy stretch started at the breach, plus the next
   * link's minimum bake) if they keep holding.
   */
  record BakeRecovered(
      String app,
      String env,
      String releaseTag,
      String nextEnv,
      String holding,
      java.time.Instant at,
      java.time.Instant mayGoAt)
      implements PipelineEvent {}

  /** An environment was frozen or unfrozen. */
  record FreezeChanged(String env, boolean frozen, String actor, String reason)
      implements PipelineEvent {}
}
