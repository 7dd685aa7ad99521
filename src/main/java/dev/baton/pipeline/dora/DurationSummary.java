package dev.baton.pipeline.dora;

import java.time.Duration;
import java.util.List;

/**
 * Median and p90 of durations: linear interpolation between the closest ranks (rank {@code p × (n −
 * 1)} of the sorted values, as numpy's default), rounded to the millisecond.
 */
public record DurationSummary(int count, Duration median, Duration p90) {
  public static final DurationSummary NONE = new DurationSummary(0, null, null);

  static DurationSummary of(List<Duration> values) {
    if (values.isEmpty()) {
      return NONE;
    }
    List<Long> millis = values.stream().map(Duration::toMillis).sorted().toList();
    return new DurationSummary(millis.size(), at(millis, 0.5), at(millis, 0.9));
  }

  private static Duration at(List<Long> sorted, double p) {
    double rank = p * (sorted.size() - 1);
    int below = (int) Math.floor(rank);
    int above = Math.min(below + 1, sorted.size() - 1);
    double value = sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
    return Duration.ofMillis(Math.round(value));
  }
}
