package dev.baton.pipeline.view;

import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.gate.GateInput;
import dev.baton.pipeline.gate.Gates;
import dev.baton.pipeline.guard.AuthorizationGuard;
import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.StoreReads;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The core's read model of promotions: approvals have / need and who can still give them, bake done
 * and left, and which actions a person is offered now. Slack messages, the App Home, reminders and
 * the state API render what this says; none of them decides it.
 */
public final class PromotionViews {
  private final PipelinePorts ports;
  private final AuthorizationGuard authorization;

  public PromotionViews(PipelinePorts ports) {
    this.ports = ports;
    this.authorization = ports.authorization();
  }

  /** The promotion's status now. */
  public Optional<PromotionStatus> promotion(String id) {
    Instant now = ports.clock().instant();
    return ports.store().read(r -> r.promotion(id).map(p -> status(ports.pipeline(), r, p, now)));
  }

  /** Promotions waiting for approval, oldest first, with their status. */
  public List<PromotionStatus> pendingApprovals() {
    Instant now = ports.clock().instant();
    return ports
        .store()
        .read(
            r ->
                r.promotionsIn(EnumSet.of(PromotionState.PENDING_APPROVAL)).stream()
                    .filter(p -> ports.pipeline().env(p.env()).isPresent())
                    .map(p -> status(ports.pipeline(), r, p, now))
                    .toList());
  }

  /** What {@code user} may do with the promotion now, by its environment's policy. */
  public Set<Offer> offers(PromotionStatus s, String user) {
    Promotion p = s.promotion();
    Set<Offer> out = EnumSet.noneOf(Offer.class);
    EnvironmentDefinition env = ports.pipeline().env(p.env()).orElse(null);
    if (env == null || user == null) {
      return out;
    }
    boolean open =
        p.state() == PromotionState.PENDING_APPROVAL || p.state() == PromotionState.APPROVED;
    boolean requester = user.equals(p.requester());
    if (p.state() == PromotionState.PENDING_APPROVAL
        && authorization.mayApprove(env, user, p).allowed()
        && !s.approvals().approvedBy(user)) {
      out.add(Offer.APPROVE);
    }
    if (open && requester) {
      out.add(Offer.WITHDRAW);
    } else if (open && authorization.isIn(user, env.policy().approversOf(p))) {
      out.add(Offer.REJECT);
    }
    if (s.current() && s.nextEnv() != null) {
      EnvironmentDefinition next = ports.pipeline().env(s.nextEnv()).orElseThrow();
      if (authorization.mayDeploy(next, user).allowed()) {
        out.add(Offer.PROMOTE_NEXT);
      }
    }
    return out;
  }

  /** The status of {@code p}, read within {@code r}: one computation for every surface. */
  public static PromotionStatus status(Pipeline pipeline, StoreReads r, Promotion p, Instant now) {
    EnvironmentDefinition env = pipeline.env(p.env()).orElseThrow();
    int index = pipeline.indexOf(env.name());
    boolean last = index == pipeline.environments().size() - 1;
    Duration minimum = env.policy().minimumBake();
    Bake bake = null;
    if (p.sourceEnv() != null && !minimum.isZero()) {
      Optional<Deployment> ran = r.deploymentOf(p.app(), p.sourceEnv(), p.releaseTag());
      Instant completed = ran.map(Deployment::completedAt).orElse(null);
      bake = Bake.of(completed, minimum, now);
      AnalysisPolicy source = pipeline.analysisFor(p.app(), p.sourceEnv());
      if (source.metricGatedBake()) {
        bake =
            bake.withHealth(
                BakeHealthView.of(
                    source,
                    ran.orElse(null),
                    r.bakeHealth(p.app(), p.sourceEnv(), p.releaseTag()),
                    minimum,
                    now));
      }
    }
    Optional<Deployment> current = r.currentDeployment(p.app(), env.name());
    boolean isCurrent =
        p.state() == PromotionState.SUCCEEDED
            && current.map(d -> p.id().equals(d.promotionId())).orElse(false);
    return new PromotionStatus(
        p,
        ApprovalStatus.of(env.policy(), p, r.approvals(p.id())),
        bake,
        r.freeze(env.name()).filter(f -> f.activeAt(now)).orElse(null),
        last,
        pipeline.nextOf(env.name()).map(EnvironmentDefinition::name).orElse(null),
        isCurrent,
        windowWait(env, r, p, now));
  }

  /** The window gate's reason while an open promotion waits for its environment's opening. */
  private static String windowWait(
      EnvironmentDefinition env, StoreReads r, Promotion p, Instant now) {
    if (p.state() != PromotionState.PENDING_APPROVAL && p.state() != PromotionState.APPROVED) {
      return null;
    }
    return Gates.IN_WINDOW.check(new GateInput(p, env, r, null, now)) instanceof Verdict.NotYet w
        ? w.reason()
        : null;
  }
}
