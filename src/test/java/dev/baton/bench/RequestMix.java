package dev.baton.bench;

import dev.baton.slack.blocks.ActionIds;
import java.util.List;
import java.util.function.Function;

/**
 * The requests of the acknowledgement benchmark, in a fixed cycle of 20: read commands, {@code
 * /audit}, {@code /promote} refused (not a deployer) and accepted (the open promotion is found
 * again), Approve on the real pending promotion (the first click counts, the others are told it is
 * already approved), Promote on the release that runs, and stale and forged clicks.
 */
final class RequestMix {
  /** One kind of request and how to build its body, given the response URL it carries. */
  record Kind(String name, Function<String, String> body) {}

  private final List<Kind> cycle;

  /**
   * @param pending a promotion waiting for approval
   * @param finished a promotion that has ended (its buttons are stale)
   * @param running the release that runs in test
   */
  RequestMix(BenchWorld w, String pending, String finished, String running) {
    this(w, pending, finished, running, "test");
  }

  /**
   * @param source the environment prod is promoted from, where {@code running} runs
   */
  RequestMix(BenchWorld w, String pending, String finished, String running, String source) {
    Kind status =
        new Kind("status", u -> w.slashBody(BenchWorld.STRANGER, "/baton", "status credreg", u));
    Kind audit =
        new Kind(
            "audit",
            u -> w.slashBody(BenchWorld.STRANGER, "/audit", "credreg prod --since 24h", u));
    Kind refused =
        new Kind(
            "promote-refused",
            u -> w.slashBody(BenchWorld.STRANGER, "/promote", "credreg prod", u));
    Kind accepted =
        new Kind(
            "promote-accepted",
            u -> w.slashBody(BenchWorld.DEPLOYER, "/promote", "credreg prod", u));
    Kind approve =
        new Kind("approve", u -> w.clickBody(BenchWorld.APPROVER_1, ActionIds.APPROVE, pending, u));
    Kind promote =
        new Kind(
            "promote-click",
            u ->
                w.clickBody(
                    BenchWorld.DEPLOYER,
                    ActionIds.PROMOTE,
                    "credreg|prod|" + running + "|" + source,
                    u));
    Kind stale =
        new Kind(
            "approve-stale",
            u -> w.clickBody(BenchWorld.APPROVER_1, ActionIds.APPROVE, finished, u));
    Kind forged =
        new Kind(
            "rollback-forged",
            u -> w.clickBody(BenchWorld.DEPLOYER, ActionIds.ROLLBACK, "prod", u));
    cycle =
        List.of(
            status, approve, audit, refused, status, promote, accepted, approve, status, audit,
            stale, approve, status, refused, promote, audit, status, accepted, forged, status);
  }

  Kind kind(int i) {
    return cycle.get(i % cycle.size());
  }

  List<Kind> kinds() {
    return cycle.stream().distinct().toList();
  }

  String describe() {
    StringBuilder b = new StringBuilder();
    kinds()
        .forEach(
            k ->
                b.append(b.length() == 0 ? "" : ", ")
                    .append(cycle.stream().filter(k::equals).count() * 5)
                    .append("% ")
                    .append(k.name()));
    return b.toString();
  }
}
