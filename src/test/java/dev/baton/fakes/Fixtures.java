package dev.baton.fakes;

import static dev.baton.testing.Builders.aPolicy;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Principals;
import dev.baton.pipeline.model.SmokeCheck;
import dev.baton.pipeline.model.Workload;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** The common layout used across tests: app credreg, test → sandbox → prod. */
public final class Fixtures {
  public static final String REQUESTER = "UREQUESTER";
  public static final String APPROVER_1 = "UAPPROVER1";
  public static final String APPROVER_2 = "UAPPROVER2";
  public static final String APPROVER_3 = "UAPPROVER3";
  public static final String DEPLOYER = "UDEPLOYER";
  public static final String ADMIN = "UADMIN";
  public static final String OUTSIDER = "UOUTSIDER";
  public static final String GROUP_SRE = "SSREGROUP";
  public static final String GROUP_MEMBER = "UGROUPMEMBER";

  private Fixtures() {}

  public static Pipeline credreg() {
    return credreg(true);
  }

  /** The standard pipeline; prod needs 2 approvals and 24 h of bake in sandbox. */
  public static Pipeline credreg(boolean autoRollback) {
    var test =
        new EnvironmentDefinition(
            "test",
            null,
            null,
            "credreg-test",
            aPolicy()
                .autoDeploy(true)
                .deployers(Principals.NOBODY)
                .autoRollback(autoRollback)
                .pointerTags("latest")
                .build());
    var sandbox =
        new EnvironmentDefinition(
            "sandbox",
            null,
            null,
            "credreg-sandbox",
            aPolicy().bake(Duration.ofMinutes(30)).autoRollback(autoRollback).build());
    var prod =
        new EnvironmentDefinition(
            "prod",
            null,
            null,
            "credreg-prod",
            aPolicy()
                .requiring(2)
                .bake(Duration.ofHours(24))
                .autoRollback(autoRollback)
                .pointerTags("prod")
                .freezeAfterRollback(true)
                .build());
    var app =
        new AppDefinition(
            "credreg",
            List.of(
                new Workload("main-app", "main-app", "app", "credreg/main-app"),
                new Workload("worker-app", "worker-app", "worker", "credreg/worker-app")),
            "default",
            new Migration(
                "main-app",
                Migration.Phase.BEFORE_ROLLOUT,
                List.of("migrate"),
                Map.of(),
                true,
                null,
                1,
                Duration.ofMinutes(10)),
            List.of(
                new SmokeCheck(
                    "prod", "http://127.0.0.1/health", 200, "revision", Duration.ofMinutes(1))),
            null);
    var apps = new LinkedHashMap<String, AppDefinition>();
    apps.put(app.name(), app);
    return new Pipeline(List.of(test, sandbox, prod), apps);
  }

  /**
   * Who may approve in every credreg environment: three approvers, the requester, the SRE group.
   */
  public static Principals approvers() {
    return new Principals(Set.of(APPROVER_1, APPROVER_2, APPROVER_3, REQUESTER), Set.of(GROUP_SRE));
  }

  /** Who may request promotions into sandbox and prod. */
  public static Principals deployers() {
    return new Principals(
        Set.of(REQUESTER, DEPLOYER, APPROVER_1, APPROVER_2, APPROVER_3), Set.of());
  }

  public static Principals admins() {
    return new Principals(Set.of(ADMIN), Set.of());
  }

  /** A directory where only {@link #GROUP_MEMBER} belongs to {@link #GROUP_SRE}. */
  public static dev.baton.pipeline.port.Directory directory() {
    return (user, group) -> GROUP_SRE.equals(group) && GROUP_MEMBER.equals(user);
  }

  /** A deterministic fake digest. */
  public static String digest(Random random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return "sha256:" + HexFormat.of().formatHex(b);
  }

  public static String digest(String seed) {
    return digest(new Random(seed.hashCode()));
  }

  /** A dated release tag for build number {@code n}. */
  public static String tag(int n) {
    return String.format("2026.11.22.%04d", n);
  }
}
