package dev.baton.fakes;

import dev.baton.pipeline.analysis.BakeHealth;
import dev.baton.pipeline.model.Approval;
import dev.baton.pipeline.model.AuditChain;
import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Lease;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.model.WakeUp;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.pipeline.port.StoreConflict;
import dev.baton.pipeline.port.StoreReads;
import dev.baton.pipeline.port.StoreTx;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The pipeline store in memory, with the semantics of the JDBC store: writers run one at a time
 * (one global lock); each write works on a copy of the committed state that replaces it only when
 * the work returns, so an exception leaves no trace; the same conflicts; the same audit chain;
 * instants kept to the microsecond; ties in "newest first" broken by write order.
 */
public final class InMemoryPipelineStore implements PipelineStore {
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile State committed = new State();

  @Override
  public <T> T write(Function<StoreTx, T> work) {
    writeLock.lock();
    try {
      State working = committed.copy();
      Tx tx = new Tx(working);
      try {
        T result = work.apply(tx);
        committed = working;
        return result;
      } finally {
        tx.closed = true;
      }
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public <T> T read(Function<StoreReads, T> work) {
    return work.apply(new Reads(committed));
  }

  @Override
  public List<AuditEvent> audit(AuditQuery q) {
    List<AuditEvent> rows = new ArrayList<>();
    List<AuditEvent> all = committed.audit;
    for (int i = all.size() - 1; i >= 0 && rows.size() < Math.max(0, q.limit()); i--) {
      AuditEvent e = all.get(i);
      if (matches(q, e)) {
        rows.add(e);
      }
    }
    return rows;
  }

  @Override
  public List<AuditEvent> auditFrom(long fromSeq, int limit) {
    return committed.audit.stream()
        .filter(e -> e.seq() >= fromSeq)
        .limit(Math.max(0, limit))
        .toList();
  }

  /** Rewrites one committed audit row in place, bypassing the chain: for tests of verification. */
  public void tamperAudit(long seq, UnaryOperator<AuditEvent> change) {
    writeLock.lock();
    try {
      State next = committed.copy();
      next.audit.replaceAll(e -> e.seq() == seq ? change.apply(e) : e);
      committed = next;
    } finally {
      writeLock.unlock();
    }
  }

  private static boolean matches(AuditQuery q, AuditEvent e) {
    return (q.app() == null || q.app().equals(e.app()))
        && (q.env() == null || q.env().equals(e.env()))
        && (q.releaseTag() == null || q.releaseTag().equals(e.releaseTag()))
        && (q.actor() == null || q.actor().equals(e.actor()))
        && (q.from() == null || !e.at().isBefore(q.from()))
        && (q.to() == null || e.at().isBefore(q.to()))
        && (q.beforeSeq() == null || e.seq() < q.beforeSeq());
  }

  /** Everything the store holds; lists are in write order. Model records are immutable. */
  private static final class State {
    final Map<String, Release> releases = new LinkedHashMap<>();
    final List<Deployment> deployments = new ArrayList<>();
    final Map<String, Promotion> promotions = new LinkedHashMap<>();
    final List<Approval> approvals = new ArrayList<>();
    final Map<String, Freeze> freezes = new LinkedHashMap<>();
    final Map<String, Lease> leases = new LinkedHashMap<>();
    final List<StepRecord> steps = new ArrayList<>();
    final Map<String, WakeUp> wakeUps = new LinkedHashMap<>();
    final Map<String, BakeHealth> bakeHealth = new LinkedHashMap<>();
    final List<AuditEvent> audit = new ArrayList<>();

    State copy() {
      State c = new State();
      c.releases.putAll(releases);
      c.deployments.addAll(deployments);
      c.promotions.putAll(promotions);
      c.approvals.addAll(approvals);
      c.freezes.putAll(freezes);
      c.leases.putAll(leases);
      c.steps.addAll(steps);
      c.wakeUps.putAll(wakeUps);
      c.bakeHealth.putAll(bakeHealth);
      c.audit.addAll(audit);
      return c;
    }
  }

  /** Newest first: later time first, then later written first; a null time counts as latest. */
  private static <T> List<T> newestFirst(List<T> inWriteOrder, Function<T, Instant> time) {
    List<T> rows = new ArrayList<>(inWriteOrder);
    Collections.reverse(rows);
    rows.sort(
        Comparator.comparing(time, Comparator.nullsLast(Comparator.naturalOrder())).reversed());
    return rows;
  }

  private static Instant micros(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
  }

  private static String key(String app, String tag) {
    return app + "\u0000" + tag;
  }

  private static class Reads implements StoreReads {
    final State s;

    Reads(State s) {
      this.s = s;
    }

    @Override
    public Optional<Release> release(String app, String tag) {
      return Optional.ofNullable(s.releases.get(key(app, tag)));
    }

    @Override
    public List<Release> releases(String app, int limit) {
      List<Release> ofApp = s.releases.values().stream().filter(r -> r.app().equals(app)).toList();
      return newestFirst(ofApp, Release::registeredAt).stream().limit(Math.max(0, limit)).toList();
    }

    @Override
    public Optional<Deployment> currentDeployment(String app, String env) {
      return deployments(app, env, 1).stream().findFirst();
    }

    @Override
    public List<Deployment> deployments(String app, String env, int limit) {
      List<Deployment> lane =
          s.deployments.stream().filter(d -> d.app().equals(app) && d.env().equals(env)).toList();
      return newestFirst(lane, Deployment::completedAt).stream().limit(Math.max(0, limit)).toList();
    }

    @Override
    public Optional<Deployment> deploymentOf(String app, String env, String releaseTag) {
      return deployments(app, env, Integer.MAX_VALUE).stream()
          .filter(d -> d.releaseTag().equals(releaseTag))
          .findFirst();
    }

    @Override
    public Optional<Promotion> promotion(String id) {
      return Optional.ofNullable(s.promotions.get(id));
    }

    @Override
    public Optional<Promotion> openPromotion(String app, String env) {
      return s.promotions.values().stream()
          .filter(p -> !p.state().terminal() && p.app().equals(app) && p.env().equals(env))
          .findFirst();
    }

    @Override
    public List<Promotion> promotionsIn(Set<PromotionState> states) {
      List<Promotion> rows =
          new ArrayList<>(
              s.promotions.values().stream().filter(p -> states.contains(p.state())).toList());
      rows.sort(
          Comparator.comparing(
              Promotion::requestedAt, Comparator.nullsLast(Comparator.naturalOrder())));
      return rows;
    }

    @Override
    public List<Promotion> recentPromotions(String app, int limit) {
      List<Promotion> ofApp =
          s.promotions.values().stream().filter(p -> p.app().equals(app)).toList();
      return newestFirst(ofApp, Promotion::requestedAt).stream().limit(Math.max(0, limit)).toList();
    }

    @Override
    public List<Approval> approvals(String promotionId) {
      return s.approvals.stream().filter(a -> a.promotionId().equals(promotionId)).toList();
    }

    @Override
    public Optional<Freeze> freeze(String env) {
      return Optional.ofNullable(s.freezes.get(env));
    }

    @Override
    public List<WakeUp> wakeUpsDue(Instant until, int limit) {
      return s.wakeUps.values().stream()
          .filter(w -> !w.at().isAfter(until))
          .sorted(Comparator.comparing(WakeUp::at).thenComparing(WakeUp::id))
          .limit(Math.max(0, limit))
          .toList();
    }

    @Override
    public Optional<Instant> nextWakeUp() {
      return s.wakeUps.values().stream().map(WakeUp::at).min(Comparator.naturalOrder());
    }

    @Override
    public Optional<BakeHealth> bakeHealth(String app, String env, String releaseTag) {
      return Optional.ofNullable(s.bakeHealth.get(bakeKey(app, env, releaseTag)));
    }

    @Override
    public List<BakeHealth> bakeHealthDue(Instant until, int limit) {
      return s.bakeHealth.values().stream()
          .filter(h -> !h.nextDue().isAfter(until))
          .sorted(
              Comparator.comparing(BakeHealth::nextDue)
                  .thenComparing(BakeHealth::laneKey)
                  .thenComparing(BakeHealth::releaseTag))
          .limit(Math.max(0, limit))
          .toList();
    }

    @Override
    public Optional<Lease> lease(String lane) {
      return Optional.ofNullable(s.leases.get(lane));
    }

    @Override
    public List<Lease> leases() {
      return s.leases.values().stream().sorted(Comparator.comparing(Lease::expiresAt)).toList();
    }

    @Override
    public List<StepRecord> steps(String promotionId) {
      return s.steps.stream().filter(r -> r.promotionId().equals(promotionId)).toList();
    }
  }

  private static final class Tx extends Reads implements StoreTx {
    volatile boolean closed;

    Tx(State s) {
      super(s);
    }

    private State open() {
      if (closed) {
        throw new IllegalStateException("the write this transaction belonged to has ended");
      }
      return s;
    }

    @Override
    public void insertRelease(Release r) {
      Objects.requireNonNull(r.registeredAt(), "registeredAt");
      if (open().releases.containsKey(key(r.app(), r.tag()))) {
        throw new StoreConflict("release " + r.app() + " " + r.tag() + " exists");
      }
      s.releases.put(
          key(r.app(), r.tag()),
          new Release(
              r.app(),
              r.tag(),
              r.commit(),
              r.buildUrl(),
              r.digests(),
              micros(r.registeredAt()),
              r.registeredBy(),
              r.committedAt() == null ? null : micros(r.committedAt())));
    }

    @Override
    public void insertDeployment(Deployment d) {
      Objects.requireNonNull(d.id(), "id");
      Objects.requireNonNull(d.completedAt(), "completedAt");
      Objects.requireNonNull(d.kind(), "kind");
      if (open().deployments.stream().anyMatch(x -> x.id().equals(d.id()))) {
        throw new StoreConflict("deployment " + d.id() + " exists");
      }
      s.deployments.add(
          new Deployment(
              d.id(),
              d.app(),
              d.env(),
              d.releaseTag(),
              d.digests(),
              d.kind(),
              d.promotionId(),
              d.actor(),
              micros(d.completedAt())));
    }

    @Override
    public void insertPromotion(Promotion p) {
      if (p.version() != 0) {
        throw new IllegalArgumentException("a new promotion starts at version 0");
      }
      if (open().promotions.containsKey(p.id())) {
        throw new StoreConflict("promotion " + p.id() + " exists");
      }
      requireLaneFree(p);
      s.promotions.put(p.id(), normalised(p, p.version()));
    }

    @Override
    public Promotion updatePromotion(Promotion p) {
      Promotion stored = open().promotions.get(p.id());
      if (stored == null || stored.version() != p.version()) {
        throw new StoreConflict("promotion " + p.id() + " is not at version " + p.version());
      }
      requireLaneFree(p);
      Promotion next = normalised(p, p.version() + 1);
      s.promotions.put(p.id(), next);
      return next;
    }

    @Override
    public boolean insertApproval(Approval a) {
      Objects.requireNonNull(a.approvedAt(), "approvedAt");
      boolean exists =
          open().approvals.stream()
              .anyMatch(
                  x ->
                      x.promotionId().equals(a.promotionId()) && x.approver().equals(a.approver()));
      if (exists) {
        return false;
      }
      s.approvals.add(new Approval(a.promotionId(), a.approver(), micros(a.approvedAt())));
      return true;
    }

    @Override
    public void putFreeze(Freeze f) {
      open()
          .freezes
          .put(
              f.env(),
              new Freeze(
                  f.env(), f.frozenBy(), f.reason(), micros(f.frozenAt()), micros(f.until())));
    }

    @Override
    public void deleteFreeze(String env) {
      open().freezes.remove(env);
    }

    @Override
    public void putLease(Lease l) {
      Objects.requireNonNull(l.expiresAt(), "expiresAt");
      open()
          .leases
          .put(
              l.lane(),
              new Lease(
                  l.lane(), l.promotionId(), l.owner(), micros(l.expiresAt()), l.handedOver()));
    }

    @Override
    public void deleteLease(String lane) {
      open().leases.remove(lane);
    }

    @Override
    public void putWakeUp(WakeUp w) {
      Objects.requireNonNull(w.at(), "at");
      open().wakeUps.put(w.id(), new WakeUp(w.promotionId(), w.kind(), micros(w.at())));
    }

    @Override
    public boolean claimWakeUp(WakeUp w) {
      WakeUp stored = open().wakeUps.get(w.id());
      if (stored == null || !stored.at().equals(micros(w.at()))) {
        return false;
      }
      s.wakeUps.remove(w.id());
      return true;
    }

    @Override
    public void putBakeHealth(BakeHealth h) {
      BakeHealth stored =
          new BakeHealth(
              h.app(),
              h.env(),
              h.releaseTag(),
              micros(h.rolloutEndedAt()),
              micros(h.healthySince()),
              micros(h.lastEvaluatedAt()),
              h.lastKind(),
              h.lastText(),
              micros(h.lastConclusiveAt()),
              micros(h.breachedAt()),
              micros(h.nextDue()));
      open().bakeHealth.put(bakeKey(h.app(), h.env(), h.releaseTag()), stored);
    }

    @Override
    public boolean claimBakeHealth(BakeHealth claimed, Instant nextDue) {
      String key = bakeKey(claimed.app(), claimed.env(), claimed.releaseTag());
      BakeHealth stored = open().bakeHealth.get(key);
      if (stored == null || !stored.nextDue().equals(micros(claimed.nextDue()))) {
        return false;
      }
      s.bakeHealth.put(key, stored.dueAt(micros(nextDue)));
      return true;
    }

    @Override
    public void deleteWakeUps(String promotionId) {
      open().wakeUps.values().removeIf(w -> w.promotionId().equals(promotionId));
    }

    @Override
    public void insertStep(StepRecord r) {
      Objects.requireNonNull(r.step(), "step");
      Objects.requireNonNull(r.status(), "status");
      open()
          .steps
          .add(
              new StepRecord(
                  r.promotionId(), r.step(), r.status(), micros(r.at()), r.attempt(), r.detail()));
    }

    @Override
    public AuditEvent audit(Instant at, AuditEntry entry) {
      List<AuditEvent> log = open().audit;
      AuditEvent head = log.isEmpty() ? null : log.get(log.size() - 1);
      AuditEvent next =
          AuditChain.next(
              head == null ? 0 : head.seq(),
              head == null ? AuditChain.GENESIS : head.hash(),
              head != null && at.isBefore(head.at()) ? head.at() : at,
              entry);
      log.add(next);
      return next;
    }

    private void requireLaneFree(Promotion p) {
      if (p.state().terminal()) {
        return;
      }
      openPromotion(p.app(), p.env())
          .filter(other -> !other.id().equals(p.id()))
          .ifPresent(
              other -> {
                throw new StoreConflict(
                    "lane " + p.laneKey() + " already has open promotion " + other.id());
              });
    }

    private static Promotion normalised(Promotion p, long version) {
      Objects.requireNonNull(p.kind(), "kind");
      Objects.requireNonNull(p.state(), "state");
      return new Promotion(
          p.id(),
          p.app(),
          p.env(),
          p.sourceEnv(),
          p.kind(),
          p.releaseTag(),
          p.digests(),
          p.requester(),
          p.state(),
          p.step(),
          p.failedStep(),
          p.attempts(),
          micros(p.requestedAt()),
          micros(p.expiresAt()),
          micros(p.updatedAt()),
          p.previousReleaseTag(),
          p.reason(),
          version,
          p.breakGlass(),
          p.trace());
    }
  }

  private static String bakeKey(String app, String env, String releaseTag) {
    return app + "/" + env + "/" + releaseTag;
  }
}
