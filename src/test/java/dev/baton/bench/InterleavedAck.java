package dev.baton.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Baton and the bare Bolt app loaded in alternating short segments, so that a hiccup of the shared
 * machine lands on both alike. Segment pair {@code k} runs bare then Baton when {@code k} is even
 * and Baton then bare when it is odd (ABBA), which cancels a steady drift. Each pair gives one p99
 * ratio; the run reports the ratios, their median over the valid pairs, and the absolute figures of
 * all segments together.
 *
 * <p>A segment is <i>valid</i> when the load generator itself kept up: at most {@link
 * #LATE_SHARE_LIMIT} of its requests were sent more than one period after they were due. A late
 * generator makes both apps look slow (or fast) for reasons of its own, so a pair with an invalid
 * segment does not enter the median, and a run with fewer than half its pairs valid is marked
 * {@code valid: false}.
 */
final class InterleavedAck {
  /** The share of late sends above which a segment says more about the generator than the app. */
  static final double LATE_SHARE_LIMIT = 0.01;

  /** One measured segment of one app. */
  record Segment(String app, int pair, String prefix, OpenLoop.Result result) {
    double lateShare() {
      return result.sent() == 0 ? 1 : (double) result.late() / result.sent();
    }

    boolean valid() {
      return lateShare() <= LATE_SHARE_LIMIT;
    }
  }

  /** Every segment, in the order they ran. */
  record Run(List<Segment> segments, int rate, int segmentSeconds) {
    List<Segment> of(String app) {
      return segments.stream().filter(s -> s.app().equals(app)).toList();
    }

    /** Baton's p99 over the bare app's p99 for each pair (NaN when the pair is invalid). */
    double[] ratios() {
      List<Segment> baton = of("baton");
      List<Segment> bare = of("bare");
      double[] r = new double[baton.size()];
      for (int k = 0; k < r.length; k++) {
        Segment a = baton.get(k);
        Segment b = bare.get(k);
        r[k] =
            a.valid() && b.valid()
                ? a.result().latencies().percentileMs(99) / b.result().latencies().percentileMs(99)
                : Double.NaN;
      }
      return r;
    }

    Map<String, Object> summary() {
      double[] ratios = ratios();
      double[] valid = Arrays.stream(ratios).filter(d -> !Double.isNaN(d)).toArray();
      int late = 0;
      int sent = 0;
      for (Segment s : segments) {
        late += s.result().late();
        sent += s.result().sent();
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ratePerSecond", rate);
      m.put("segments", ratios.length);
      m.put("segmentSeconds", segmentSeconds);
      m.put("validPairs", valid.length);
      m.put("valid", valid.length * 2 >= ratios.length && valid.length > 0);
      m.put("lateSendShare", sent == 0 ? 0 : round((double) late / sent));
      m.put("p99RatioMedian", valid.length == 0 ? "null" : (Object) round(median(valid)));
      m.put("p99Ratios", ratioList(ratios));
      m.put("baton", merged(of("baton")));
      m.put("bare", merged(of("bare")));
      return m;
    }
  }

  private InterleavedAck() {}

  /**
   * @param request builds request {@code i} of a segment for a base URL, answering to a {@code
   *     response_url} named with the segment's prefix
   */
  static Run run(
      HttpClient http,
      String bareBase,
      String batonBase,
      BiFunction<String, String, java.util.function.IntFunction<HttpRequest>> request,
      int rate,
      Duration warmUp,
      int pairs,
      Duration segment,
      Duration timeout)
      throws InterruptedException {
    // Warm both up first, with the same schedule, outside the measurement.
    OpenLoop.run(http, request.apply(bareBase, "xw-"), rate, Duration.ZERO, warmUp, timeout);
    OpenLoop.run(http, request.apply(batonBase, "bw-"), rate, Duration.ZERO, warmUp, timeout);
    List<Segment> segments = new ArrayList<>();
    for (int k = 0; k < pairs; k++) {
      String[] order = k % 2 == 0 ? new String[] {"bare", "baton"} : new String[] {"baton", "bare"};
      for (String app : order) {
        boolean baton = app.equals("baton");
        String prefix = (baton ? "b" : "x") + k + "-";
        OpenLoop.Result r =
            OpenLoop.run(
                http,
                request.apply(baton ? batonBase : bareBase, prefix),
                rate,
                Duration.ZERO,
                segment,
                timeout);
        segments.add(new Segment(app, k, prefix, r));
        System.out.printf(
            "BENCH ack segment %d %s: p99 %.3f ms, late sends %d of %d%n",
            k, app, r.latencies().percentileMs(99), r.late(), r.sent());
      }
    }
    return new Run(segments, rate, (int) segment.toSeconds());
  }

  /** The absolute figures of several segments of one app, as one set of samples. */
  private static Map<String, Object> merged(List<Segment> segments) {
    Latencies all = new Latencies();
    int requests = 0;
    int non2xx = 0;
    int timeouts = 0;
    int failures = 0;
    int late = 0;
    for (Segment s : segments) {
      OpenLoop.Result r = s.result();
      r.latencies().addAllTo(all);
      requests += r.sent();
      non2xx += r.non2xx();
      timeouts += r.timeouts();
      failures += r.failures();
      late += r.late();
    }
    Map<String, Object> m = new LinkedHashMap<>(all.summary());
    m.put("requests", requests);
    m.put("errors", non2xx + timeouts + failures);
    m.put("non2xx", non2xx);
    m.put("timeouts", timeouts);
    m.put("lateSends", late);
    return m;
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double round(double d) {
    return Math.round(d * 1000) / 1000.0;
  }

  /** The ratios as a JSON array literal (the benchmark's writer takes raw JSON for lists). */
  private static String ratioList(double[] ratios) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < ratios.length; i++) {
      b.append(i == 0 ? "" : ", ").append(Double.isNaN(ratios[i]) ? "null" : round(ratios[i]));
    }
    return b.append(']').toString();
  }
}
