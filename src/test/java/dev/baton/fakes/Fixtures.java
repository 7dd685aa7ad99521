package dev.baton.fakes;

import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Principals;
import dev.baton.pipeline.port.Directory;
import dev.baton.testing.TestWorld;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;

/** The common layout used across tests: app credreg, test → sandbox → prod ({@link TestWorld}). */
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
    return TestWorld.credreg().autoRollback(autoRollback).pipeline();
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
  public static Directory directory() {
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
