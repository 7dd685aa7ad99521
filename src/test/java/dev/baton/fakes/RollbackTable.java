package dev.baton.fakes;

import static dev.baton.fakes.Fixtures.*;

import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Promotion;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The rollback rule as a table, shared by the core's test and the Slack surfaces' test so that
 * {@code /rollback}, the thread's button and App Home are held to the same rows.
 */
public final class RollbackTable {
  private RollbackTable() {}

  /**
   * One situation and what every surface must make of it.
   *
   * @param env the environment rolled back
   * @param tag the release named in {@code /rollback}, or null
   * @param card the promotion whose thread message is looked at
   * @param restores the release a rollback restores, or null when it is refused
   * @param refusal what the refusal says (each fragment), when refused
   * @param button the Roll back button on the card (target, from), or null for none
   * @param cardSays a fragment the card's text must show, or null
   */
  public record Case(
      String env,
      String tag,
      String card,
      String restores,
      List<String> refusal,
      List<String> button,
      String cardSays) {}

  /** A row: a name, whether the pipeline rolls back by itself, and how to get there. */
  public record Row(String name, boolean autoRollback, Function<TestPipeline, Case> setup) {
    @Override
    public String toString() {
      return name;
    }
  }

  public static List<Row> rows() {
    return List.of(
        new Row(
            "previous release",
            true,
            t -> {
              String a = carry(t, 1);
              String b = carry(t, 2);
              return new Case(
                  "prod", null, currentPromotion(t, "prod"), a, null, List.of(a, b), null);
            }),
        new Row(
            "named older release",
            true,
            t -> {
              String a = carry(t, 1);
              String b = carry(t, 2);
              String c = carry(t, 3);
              return new Case("prod", a, currentPromotion(t, "prod"), a, null, List.of(b, c), null);
            }),
        new Row(
            "named newer release",
            true,
            t -> {
              String a = carry(t, 1);
              String b = carry(t, 2);
              t.core().rollbacks().rollback("prod", null, null, DEPLOYER);
              return new Case(
                  "prod",
                  b,
                  currentPromotion(t, "prod"),
                  null,
                  List.of(
                      b + " is newer than what runs in prod (" + a + "); promote it instead",
                      "prod needs 2 approvals",
                      "is frozen until someone unfreezes it"),
                  null,
                  null);
            }),
        new Row(
            "after a rollback with nothing older",
            true,
            t -> {
              String a = carry(t, 1);
              String b = carry(t, 2);
              t.core().rollbacks().rollback("prod", null, null, DEPLOYER);
              return new Case(
                  "prod",
                  null,
                  currentPromotion(t, "prod"),
                  null,
                  List.of("no release older than " + a, b + " is newer"),
                  null,
                  null);
            }),
        new Row(
            "after a rollback, an older release",
            true,
            t -> {
              String z = carry(t, 1);
              String a = carry(t, 2);
              carry(t, 3);
              t.core().rollbacks().rollback("prod", null, null, DEPLOYER);
              return new Case("prod", null, currentPromotion(t, "prod"), z, null, null, null);
            }),
        new Row(
            "after a failure that changed nothing",
            true,
            t -> {
              String a = toSandbox(t, 1);
              String b = toSandbox(t, 2);
              t.registerBuild(3);
              t.clock.advance(Duration.ofMinutes(30));
              t.faults.inject("registry.exists", Faults.Action.TERMINAL, 1);
              Promotion failed =
                  t.core().promotions().request("credreg", "sandbox", null, DEPLOYER).promotion();
              return new Case(
                  "sandbox",
                  null,
                  failed.id(),
                  a,
                  null,
                  null,
                  "Nothing was changed: sandbox still runs `" + b + "`.");
            }),
        new Row(
            "after a failure that may have changed the cluster",
            false,
            t -> {
              t.registerBuild(1);
              String b = t.registerBuild(2);
              t.faults.inject("cluster.awaitRollout test main-app", Faults.Action.TERMINAL, 1);
              t.clock.advance(Duration.ofMinutes(1));
              t.registerBuild(3);
              String failed = t.store.read(r -> r.recentPromotions("credreg", 1)).get(0).id();
              return new Case(
                  "test", null, failed, b, null, List.of(b, b), "Roll back puts back `" + b + "`");
            }),
        new Row(
            "while frozen",
            true,
            t -> {
              String a = carry(t, 1);
              String b = carry(t, 2);
              t.core().freezes().freeze("prod", Duration.ofHours(2), "incident", ADMIN);
              return new Case(
                  "prod", null, currentPromotion(t, "prod"), a, null, List.of(a, b), null);
            }));
  }

  /** Registers build {@code n} and carries it through sandbox into prod; returns its tag. */
  public static String carry(TestPipeline t, int n) {
    String tag = toSandbox(t, n);
    t.clock.advance(Duration.ofHours(24));
    Promotion p = t.core().promotions().request("credreg", "prod", null, DEPLOYER).promotion();
    t.core().promotions().approve(p.id(), APPROVER_1);
    t.core().promotions().approve(p.id(), APPROVER_2);
    return tag;
  }

  /** Registers build {@code n} (test deploys it) and promotes it to sandbox; returns its tag. */
  public static String toSandbox(TestPipeline t, int n) {
    t.clock.advance(Duration.ofMinutes(1));
    String tag = t.registerBuild(n);
    t.clock.advance(Duration.ofMinutes(30));
    t.core().promotions().request("credreg", "sandbox", null, DEPLOYER).promotion();
    return tag;
  }

  public static String currentPromotion(TestPipeline t, String env) {
    return t.store
        .read(r -> r.currentDeployment("credreg", env))
        .map(Deployment::promotionId)
        .orElseThrow();
  }
}
