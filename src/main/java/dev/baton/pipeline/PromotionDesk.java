package dev.baton.pipeline;

import dev.baton.pipeline.gate.GateInput;
import dev.baton.pipeline.gate.Gates;
import dev.baton.pipeline.guard.PromotionGuards;
import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Approval;
import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.BreakGlass;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.StoreTx;
import dev.baton.pipeline.view.ApprovalStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Requests, approvals and rejections of promotions along the chain. */
public final class PromotionDesk {
  private final PipelinePorts ports;
  private final PromotionLauncher launcher;
  private final ReleaseChoice releases;

  public PromotionDesk(PipelinePorts ports, PromotionLauncher launcher) {
    this.releases = new ReleaseChoice(ports);
    this.ports = ports;
    this.launcher = launcher;
  }

  /**
   * Requests the promotion of what runs in {@code envName}'s source link into {@code envName}. In
   * the first link, which has no source, the app's newest release (or {@code tag}) is deployed.
   * Asking again for the same release returns the open promotion unchanged.
   */
  public Requested request(String appName, String envName, String tag, String actor) {
    return request(appName, envName, tag, actor, null);
  }

  /**
   * Requests a promotion; with {@code breakGlass}, one that may override freezes, windows,
   * blackouts and the bake time once it has its break-glass approvals. Only deployers (or admins)
   * of an environment with break-glass approvers may ask for one. An open ordinary request for the
   * same release is superseded by a break-glass one.
   */
  public Requested request(
      String appName, String envName, String tag, String actor, BreakGlass breakGlass) {
    AppDefinition app = ports.app(appName);
    EnvironmentDefinition env = ports.env(envName);
    Denials.enforce(
        ports,
        breakGlass == null
            ? ports.authorization().mayDeploy(env, actor)
            : ports.authorization().mayBreakGlass(env, actor),
        actor,
        breakGlass == null ? "promote" : "break-glass",
        app.name(),
        env.name(),
        tag,
        null);
    Optional<EnvironmentDefinition> source = ports.pipeline().sourceOf(env.name());
    Release release =
        source.isPresent() ? releases.runningIn(app, source.get(), tag) : releases.newest(app, tag);
    Instant now = ports.clock().instant();
    String sourceName = source.map(EnvironmentDefinition::name).orElse(null);
    List<PipelineEvent> told = new ArrayList<>();
    Requested opened =
        ports
            .store()
            .write(
                tx -> {
                  told.clear(); // a retried write starts again
                  return open(tx, release, env, sourceName, actor, breakGlass, told, now);
                });
    Promotion p = opened.promotion();
    if (opened.created()) {
      ports.tell(new PipelineEvent.PromotionChanged(p, actor, "requested"));
    }
    told.forEach(ports::tell);
    if (p.state() == PromotionState.APPROVED) {
      launcher.launch(p.id());
    }
    return opened;
  }

  /**
   * Records {@code actor}'s approval; with enough approvals the promotion is approved. A click
   * after the deadline expires the request (Baton's act) and one after the source moved on cancels
   * it as stale; neither counts the approval.
   */
  public ApprovalOutcome approve(String promotionId, String actor) {
    Promotion p = find(promotionId);
    EnvironmentDefinition env = ports.env(p.env());
    Denials.enforce(
        ports,
        ports.authorization().mayApprove(env, actor, p),
        actor,
        "approve",
        p.app(),
        p.env(),
        p.releaseTag(),
        p.id());
    Instant now = ports.clock().instant();
    List<PipelineEvent> told = new ArrayList<>();
    ApprovalOutcome outcome =
        ports
            .store()
            .write(
                tx -> {
                  told.clear();
                  return approveIn(tx, promotionId, env, actor, told, now);
                });
    Promotion result = outcome.promotion();
    told.forEach(ports::tell);
    if (outcome instanceof ApprovalOutcome.ApprovalAdded a) {
      ports.tell(
          new PipelineEvent.ApprovalAdded(
              result, actor, a.approvals().have(), a.approvals().need()));
    } else if (outcome instanceof ApprovalOutcome.Approved a) {
      ports.tell(
          new PipelineEvent.ApprovalAdded(
              result, actor, a.approvals().have(), a.approvals().need()));
      ports.tell(new PipelineEvent.PromotionChanged(result, actor, "approved"));
      launcher.launch(result.id());
    } else {
      ports.tell(
          new PipelineEvent.PromotionChanged(result, PromotionRunner.ACTOR, result.reason()));
    }
    return outcome;
  }

  /**
   * Rejects a promotion that has not started. Approvers reject; the requester may withdraw (the
   * promotion is then cancelled).
   */
  public Promotion reject(String promotionId, String actor, String reason) {
    Promotion p = find(promotionId);
    EnvironmentDefinition env = ports.env(p.env());
    boolean withdraw = actor.equals(p.requester());
    if (!withdraw) {
      Denials.enforce(
          ports,
          ports.authorization().isIn(actor, env.policy().approversOf(p))
              ? Verdict.ALLOWED
              : Verdict.deny(
                  Verdict.Code.NOT_ALLOWED,
                  "only "
                      + (p.breaksGlass() ? "break-glass " : "")
                      + "approvers of "
                      + env.name()
                      + " may reject"),
          actor,
          "reject",
          p.app(),
          p.env(),
          p.releaseTag(),
          p.id());
    }
    Instant now = ports.clock().instant();
    String why =
        (withdraw ? "withdrawn by " : "rejected by ")
            + actor
            + (reason == null || reason.isBlank() ? "" : ": " + reason);
    Promotion result =
        ports
            .store()
            .write(
                tx -> {
                  Promotion current = tx.promotion(promotionId).orElseThrow();
                  if (current.state() != PromotionState.PENDING_APPROVAL
                      && current.state() != PromotionState.APPROVED) {
                    throw Refusal.conflict(alreadyDecided(current));
                  }
                  return Promotions.move(
                      tx,
                      current,
                      withdraw ? PromotionState.CANCELLED : PromotionState.REJECTED,
                      actor,
                      why,
                      now);
                });
    ports.tell(new PipelineEvent.PromotionChanged(result, actor, why));
    return result;
  }

  private ApprovalOutcome approveIn(
      StoreTx tx,
      String id,
      EnvironmentDefinition env,
      String actor,
      List<PipelineEvent> told,
      Instant now) {
    Promotion p = tx.promotion(id).orElseThrow();
    if (p.state() != PromotionState.PENDING_APPROVAL) {
      throw Refusal.conflict(alreadyDecided(p));
    }
    GateInput in = new GateInput(p, env, tx, null, now);
    if (Gates.first(PromotionGates.AT_APPROVAL, in) instanceof Verdict.Denied d) {
      // the request ended before this click: Baton's own act, and the approval does not count
      boolean expired = d.code() == Verdict.Code.EXPIRED;
      Promotion ended =
          Promotions.move(
              tx,
              p,
              expired ? PromotionState.EXPIRED : PromotionState.CANCELLED,
              PromotionRunner.ACTOR,
              d.reason(),
              now);
      return expired
          ? new ApprovalOutcome.Expired(ended)
          : new ApprovalOutcome.CancelledStale(ended);
    }
    if (!tx.insertApproval(new Approval(p.id(), actor, now))) {
      throw Refusal.conflict("you already approved this promotion");
    }
    tx.audit(now, AuditEntry.of(actor, "promotion.approval", p, null));
    ApprovalStatus status = ApprovalStatus.of(env.policy(), p, tx.approvals(p.id()));
    if (p.breaksGlass()) {
      told.add(BreakGlassRecords.approved(tx, p, actor, status.have(), status.need(), now));
    }
    if (PromotionGuards.approved(status.have(), status.need()).allowed()) {
      Promotion approved =
          Promotions.move(
              tx,
              p,
              PromotionState.APPROVED,
              actor,
              status.have() + " of " + status.need() + " approvals",
              now);
      return new ApprovalOutcome.Approved(approved, status);
    }
    return new ApprovalOutcome.ApprovalAdded(p, status);
  }

  private Requested open(
      StoreTx tx,
      Release release,
      EnvironmentDefinition env,
      String source,
      String actor,
      BreakGlass breakGlass,
      List<PipelineEvent> told,
      Instant now) {
    if (source != null) {
      Optional<Deployment> src = tx.currentDeployment(release.app(), source);
      if (src.isEmpty() || !src.get().releaseTag().equals(release.tag())) {
        throw Refusal.conflict(source + " changed while the request was checked; try again");
      }
    }
    Optional<Promotion> open = tx.openPromotion(release.app(), env.name());
    if (open.isPresent()) {
      Promotion o = open.get();
      boolean same = o.releaseTag().equals(release.tag()) && o.kind() == PromotionKind.PROMOTION;
      if (same && (breakGlass == null || o.breaksGlass())) {
        return new Requested(o, false, ApprovalStatus.of(env.policy(), o, tx.approvals(o.id())));
      }
      if (o.state() == PromotionState.RUNNING) {
        throw Refusal.conflict(
            o.releaseTag() + " is being deployed to " + env.name() + "; wait for it to finish");
      }
      Promotions.move(
          tx, o, PromotionState.CANCELLED, actor, "superseded by " + release.tag(), now);
    }
    int required =
        breakGlass == null
            ? Promotions.requiredApprovals(env, PromotionKind.PROMOTION)
            : env.policy().breakGlassApprovals();
    Promotion p =
        Promotions.create(
                ports.ids().get(),
                release,
                env,
                source,
                PromotionKind.PROMOTION,
                actor,
                required,
                now)
            .withBreakGlass(breakGlass)
            .withTrace(ports.traces().begin());
    Verdict verdict = Gates.first(PromotionGates.AT_REQUEST, new GateInput(p, env, tx, null, now));
    if (verdict instanceof Verdict.Denied d) {
      throw Refusal.conflict(d.reason()); // already runs there
    }
    if (verdict instanceof Verdict.NotYet wait) {
      throw Refusal.notNow(wait.reason()); // frozen: requests are refused, not queued
    }
    Promotion inserted = Promotions.insert(tx, p, env.policy(), now);
    if (inserted.breaksGlass()) {
      told.add(BreakGlassRecords.requested(tx, inserted, required, now));
    }
    return new Requested(inserted, true, ApprovalStatus.of(env.policy(), inserted, List.of()));
  }

  private Promotion find(String id) {
    return ports
        .store()
        .read(r -> r.promotion(id))
        .orElseThrow(() -> Refusal.notFound("no promotion " + id));
  }

  static String alreadyDecided(Promotion p) {
    return switch (p.state()) {
      case APPROVED -> "this promotion is already approved";
      case RUNNING -> "this promotion is already running";
      default ->
          "this promotion has already ended: "
              + p.state()
              + (p.reason() == null ? "" : " (" + p.reason() + ")");
    };
  }
}
