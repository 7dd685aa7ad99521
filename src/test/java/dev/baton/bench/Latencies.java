package dev.baton.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Percentiles of a set of durations recorded in microseconds, reported in milliseconds. */
final class Latencies {
  private long[] micros = new long[1024];
  private int n;

  synchronized void add(long value) {
    if (n == micros.length) {
      micros = Arrays.copyOf(micros, n * 2);
    }
    micros[n++] = value;
  }

  /** Adds every sample of this set to {@code other}. */
  synchronized void addAllTo(Latencies other) {
    for (int i = 0; i < n; i++) {
      other.add(micros[i]);
    }
  }

  synchronized int count() {
    return n;
  }

  /** The nearest-rank percentile {@code p} (0–100) in milliseconds. */
  synchronized double percentileMs(double p) {
    if (n == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(micros, n);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * n);
    return sorted[Math.max(0, Math.min(n - 1, rank - 1))] / 1000.0;
  }

  /** p50, p99 and max in milliseconds, with the number of samples. */
  Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p50ms", percentileMs(50));
    m.put("p99ms", percentileMs(99));
    m.put("maxMs", percentileMs(100));
    m.put("samples", count());
    return m;
  }
}
