package dev.baton.api;

import dev.baton.pipeline.dora.Band;
import dev.baton.pipeline.dora.DoraFigures;
import dev.baton.pipeline.dora.DurationSummary;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Locale;

/** The DORA figures of one app, one entry per environment; durations in whole seconds. */
@Serdeable
public record DoraView(String app, String since, String from, String to, List<Lane> environments) {

  public static DoraView of(String app, String since, List<DoraFigures> figures) {
    String from = figures.isEmpty() ? null : Instants.text(figures.get(0).from());
    String to = figures.isEmpty() ? null : Instants.text(figures.get(0).to());
    return new DoraView(app, since, from, to, figures.stream().map(Lane::of).toList());
  }

  /** One environment's four figures. */
  @Serdeable
  public record Lane(
      String env,
      Frequency deploymentFrequency,
      LeadTime leadTime,
      FailureRate changeFailureRate,
      Restore timeToRestore) {
    static Lane of(DoraFigures f) {
      DoraFigures.LeadTime lead = f.leadTime();
      DoraFigures.Restore restore = f.restore();
      return new Lane(
          f.env(),
          new Frequency(
              f.frequency().deployments(),
              f.frequency().rollbacks(),
              f.frequency().perDay(),
              f.frequency().perWeek(),
              band(f.frequency().band())),
          new LeadTime(
              lead.duration().count(),
              seconds(lead.duration(), false),
              seconds(lead.duration(), true),
              lead.fromCommit(),
              lead.fromRegistration(),
              basis(lead),
              band(lead.band())),
          new FailureRate(
              f.failureRate().deployments(),
              f.failureRate().failed(),
              f.failureRate().rate(),
              band(f.failureRate().band())),
          new Restore(
              restore.duration().count(),
              restore.open(),
              seconds(restore.duration(), false),
              seconds(restore.duration(), true),
              band(restore.band())));
    }
  }

  /** Changes deployed (auto-deploys and promotions); rollbacks are counted apart. */
  @Serdeable
  public record Frequency(
      int deployments, int rollbacks, double perDay, double perWeek, String band) {}

  /**
   * @param leadTimeBasis {@code commit}, {@code registration}, {@code mixed} (both, see the counts)
   *     or null without deployments
   */
  @Serdeable
  public record LeadTime(
      int count,
      Long medianSeconds,
      Long p90Seconds,
      int fromCommit,
      int fromRegistration,
      String leadTimeBasis,
      String band) {}

  @Serdeable
  public record FailureRate(int deployments, int failed, Double rate, String band) {}

  @Serdeable
  public record Restore(int restored, int open, Long medianSeconds, Long p90Seconds, String band) {}

  private static String band(Band band) {
    return band == null ? null : band.name().toLowerCase(Locale.ROOT);
  }

  private static Long seconds(DurationSummary s, boolean p90) {
    return Instants.seconds(p90 ? s.p90() : s.median());
  }

  private static String basis(DoraFigures.LeadTime lead) {
    if (lead.fromCommit() > 0 && lead.fromRegistration() > 0) {
      return "mixed";
    }
    return lead.fromCommit() > 0 ? "commit" : lead.fromRegistration() > 0 ? "registration" : null;
  }
}
