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
        row(
            "previous release",
            t -> {
              String a = carry(t, 1);
              String b = carry(t, 2);
              return prodRestores(t, null, a, List.of(a, b));
            }),
        row(
            "named older release",
            t -> {
              String a = carry(t, 1);
              String b = carry(t, 2);
              String c = carry(t, 3);
              return prodRestores(t, a, a, List.of(b, c));
            }),
        row(
            "named newer release",
            t -> {
              String a = carry(t, 1);
              String b = carry(t, 2);
              t.core().rollbacks().rollback("prod", null, null, DEPLOYER);
              return prodRefuses(
                  t,
                  b,
                  b + " is newer than what runs in prod (" + a + "); promote it instead",
                  "prod needs 2 approvals",
                  "is frozen until someone unfreezes it");
            }),
        row(
            "after a rollback with nothing older",
            t -> {
              String a = carry(t, 1);
              String b = carry(t, 2);
              t.core().rollbacks().rollback("prod", null, null, DEPLOYER);
              return prodRefuses(t, null, "no release older than " + a, b + " is newer");
            }),
        row(
            "after a rollback, an older release",
            t -> {
              String z = carry(t, 1);
              carry(t, 2);
              carry(t, 3);
              t.core().rollbacks().rollback("prod", null, null, DEPLOYER);
              return prodRestores(t, null, z, null);
            }),
        row(
            "after a failure that changed nothing",
            t -> {
              String a = toSandbox(t, 1);
              String b = toSandbox(t, 2);
              t.registerBuild(3);
              t.clock.advance(Duration.ofMinutes(30));
              t.faults.inject("registry.exists", Faults.Action.TERMINAL, 1);
              Promotion failed =
                  t.core().promotions().request("credreg", "sandbox", null, DEPLOYER).promotion();
              String says = "Nothing was changed: sandbox still runs `" + b + "`.";
              return new Case("sandbox", null, failed.id(), a, null, null, says);
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
              String says = "Roll back puts back `" + b + "`";
              return new Case("test", null, failed, b, null, List.of(b, b), says);
            }),
        row(
            "while frozen",
            t -> {
              String a = carry(t, 1);
              String b = carry(t, 2);
              t.core().freezes().freeze("prod", Duration.ofHours(2), "incident", ADMIN);
              return prodRestores(t, null, a, List.of(a, b));
            }));
  }

  /** A row of a pipeline that rolls back by itself. */
  private static Row row(String name, Function<TestPipeline, Case> setup) {
    return new Row(name, true, setup);
  }

  /**
   * {@code /rollback prod [tag]} restores {@code restores}; prod's current card offers {@code
   * button}.
   */
  private static Case prodRestores(
      TestPipeline t, String tag, String restores, List<String> button) {
    return new Case("prod", tag, currentPromotion(t, "prod"), restores, null, button, null);
  }

  /**
   * {@code /rollback prod [tag]} is refused saying each fragment; prod's current card offers none.
   */
  private static Case prodRefuses(TestPipeline t, String tag, String... refusal) {
    return new Case("prod", tag, currentPromotion(t, "prod"), null, List.of(refusal), null, null);
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
