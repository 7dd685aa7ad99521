package dev.baton.pipeline.dora;

import dev.baton.pipeline.dora.DeliveryRecords.Deployed;
import dev.baton.pipeline.dora.DeliveryRecords.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The DORA figures of one lane, a pure function of its records (definitions in the docs). */
public final class DoraCalculator {
  private static final double MILLIS_PER_DAY = Duration.ofDays(1).toMillis();
  private final Duration failureWindow;

  public DoraCalculator(Duration failureWindow) {
    this.failureWindow = failureWindow;
  }

  public DoraFigures figures(
      String app, String env, Instant from, Instant to, DeliveryRecords records) {
    List<Deployed> changes = records.deployments().stream().filter(Deployed::isChange).toList();
    return new DoraFigures(
        app,
        env,
        from,
        to,
        frequency(changes, records.deployments().size() - changes.size(), from, to),
        leadTime(changes),
        failureRate(changes, records.failures()),
        restore(records));
  }

  private static DoraFigures.Frequency frequency(
      List<Deployed> changes, int rollbacks, Instant from, Instant to) {
    double days = Math.max(1, Duration.between(from, to).toMillis()) / MILLIS_PER_DAY;
    double perDay = changes.size() / days;
    return new DoraFigures.Frequency(
        changes.size(), rollbacks, perDay, perDay * 7, Bands.ofFrequency(perDay));
  }

  private static DoraFigures.LeadTime leadTime(List<Deployed> changes) {
    List<Duration> times = new ArrayList<>();
    int fromCommit = 0;
    for (Deployed d : changes) {
      Instant start = d.committedAt() != null ? d.committedAt() : d.registeredAt();
      if (start == null) {
        continue; // the release row is gone; nothing to measure from
      }
      fromCommit += d.committedAt() != null ? 1 : 0;
      Duration lead = Duration.between(start, d.completedAt());
      times.add(lead.isNegative() ? Duration.ZERO : lead); // a CI clock ahead of Baton's
    }
    DurationSummary summary = DurationSummary.of(times);
    return new DoraFigures.LeadTime(
        summary, fromCommit, times.size() - fromCommit, Bands.ofLeadTime(summary.median()));
  }

  /** Each failure counts against the latest change before it, if that is within the window. */
  private DoraFigures.FailureRate failureRate(List<Deployed> changes, List<Failure> failures) {
    Set<Deployed> failed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Failure f : failures) {
      latestChangeBefore(changes, f.at())
          .filter(c -> Duration.between(c.completedAt(), f.at()).compareTo(failureWindow) <= 0)
          .ifPresent(failed::add);
    }
    Double rate = changes.isEmpty() ? null : (double) failed.size() / changes.size();
    return new DoraFigures.FailureRate(
        changes.size(), failed.size(), rate, Bands.ofFailureRate(rate));
  }

  private static Optional<Deployed> latestChangeBefore(List<Deployed> changes, Instant at) {
    Deployed latest = null;
    for (Deployed c : changes) {
      if (c.completedAt().isBefore(at)) {
        latest = c;
      }
    }
    return Optional.ofNullable(latest);
  }

  private static DoraFigures.Restore restore(DeliveryRecords records) {
    Incidents incidents = Incidents.of(records);
    DurationSummary summary = DurationSummary.of(incidents.restored());
    return new DoraFigures.Restore(
        summary, incidents.openSince() == null ? 0 : 1, Bands.ofRestore(summary.median()));
  }

  /** The time to restore ended by the lane's last deployment, if that deployment ended one. */
  public static Optional<Duration> restoredByLast(DeliveryRecords records) {
    Incidents incidents = Incidents.of(records);
    return Optional.ofNullable(incidents.lastRestoredAt())
        .filter(
            at ->
                !records.deployments().isEmpty()
                    && at.equals(
                        records.deployments().get(records.deployments().size() - 1).completedAt()))
        .map(at -> incidents.restored().get(incidents.restored().size() - 1));
  }
}
