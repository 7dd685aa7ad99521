package dev.baton.pipeline.dora;

import java.time.Duration;

/**
 * The thresholds of the DORA 2023 State of DevOps report (docs/operations.md, "DORA metrics"), with
 * the report's gaps between levels closed towards the better level.
 */
public final class Bands {
  private Bands() {}

  /** Elite ≥ 1 a day (on demand), high ≥ 1 a week, medium ≥ 1 a month (30 days), else low. */
  public static Band ofFrequency(double perDay) {
    if (perDay >= 1.0) {
      return Band.ELITE;
    }
    if (perDay >= 1.0 / 7) {
      return Band.HIGH;
    }
    if (perDay >= 1.0 / 30) {
      return Band.MEDIUM;
    }
    return Band.LOW;
  }

  /** Elite < 1 day, high ≤ 1 week, medium ≤ 1 month (30 days), else low; null without data. */
  public static Band ofLeadTime(Duration median) {
    if (median == null) {
      return null;
    }
    if (median.compareTo(Duration.ofDays(1)) < 0) {
      return Band.ELITE;
    }
    return median.compareTo(Duration.ofDays(7)) <= 0
        ? Band.HIGH
        : median.compareTo(Duration.ofDays(30)) <= 0 ? Band.MEDIUM : Band.LOW;
  }

  /** Elite ≤ 5 %, high ≤ 10 %, medium ≤ 15 %, else low; null without deployments. */
  public static Band ofFailureRate(Double rate) {
    if (rate == null) {
      return null;
    }
    if (rate <= 0.05) {
      return Band.ELITE;
    }
    return rate <= 0.10 ? Band.HIGH : rate <= 0.15 ? Band.MEDIUM : Band.LOW;
  }

  /** Elite < 1 hour, high < 1 day, medium ≤ 1 week, else low; null without restores. */
  public static Band ofRestore(Duration median) {
    if (median == null) {
      return null;
    }
    if (median.compareTo(Duration.ofHours(1)) < 0) {
      return Band.ELITE;
    }
    return median.compareTo(Duration.ofDays(1)) < 0
        ? Band.HIGH
        : median.compareTo(Duration.ofDays(7)) <= 0 ? Band.MEDIUM : Band.LOW;
  }
}
