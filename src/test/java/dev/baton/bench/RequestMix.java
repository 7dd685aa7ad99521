package dev.baton.bench;

import dev.baton.slack.blocks.ActionIds;
import java.util.List;
import java.util.function.Supplier;

/**
 * The requests of the acknowledgement benchmark, in a fixed cycle of 20: read commands, {@code
 * /audit}, {@code /promote} refused (not a deployer) and accepted (the open promotion is found
 * again), Approve on the real pending promotion (the first click counts, the others are told it is
 * already approved), Promote on the release that runs, and stale and forged clicks.
 */
final class RequestMix {
  /** One kind of request and how to build its body. */
  record Kind(String name, Supplier<String> body) {}

  private final List<Kind> cycle;

  /**
   * @param pending a promotion waiting for approval
   * @param finished a promotion that has ended (its buttons are stale)
   * @param running the release that runs in test
   */
  RequestMix(BenchWorld w, String pending, String finished, String running) {
    Kind status =
        new Kind("status", () -> w.slashBody(BenchWorld.STRANGER, "/baton", "status credreg"));
    Kind audit =
        new Kind(
            "audit", () -> w.slashBody(BenchWorld.STRANGER, "/audit", "credreg prod --since 24h"));
    Kind refused =
        new Kind(
            "promote-refused", () -> w.slashBody(BenchWorld.STRANGER, "/promote", "credreg prod"));
    Kind accepted =
        new Kind(
            "promote-accepted", () -> w.slashBody(BenchWorld.DEPLOYER, "/promote", "credreg prod"));
    Kind approve =
        new Kind("approve", () -> w.clickBody(BenchWorld.APPROVER_1, ActionIds.APPROVE, pending));
    Kind promote =
        new Kind(
            "promote-click",
            () ->
                w.clickBody(
                    BenchWorld.DEPLOYER, ActionIds.PROMOTE, "credreg|prod|" + running + "|test"));
    Kind stale =
        new Kind(
            "approve-stale", () -> w.clickBody(BenchWorld.APPROVER_1, ActionIds.APPROVE, finished));
    Kind forged =
        new Kind(
            "rollback-forged", () -> w.clickBody(BenchWorld.DEPLOYER, ActionIds.ROLLBACK, "prod"));
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
