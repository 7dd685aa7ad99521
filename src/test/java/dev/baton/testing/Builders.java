package dev.baton.testing;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.Promotion;
import java.time.Instant;
import java.util.Map;

/**
 * Entry points of the model builders; each starts from the credreg defaults ({@link Fixtures}) so a
 * test names only what it is about:
 *
 * <pre>{@code
 * Promotion p = aPromotion().toEnv("prod").requestedBy(APPROVER_1).inState(RUNNING).build();
 * EnvironmentPolicy prod = aPolicy().requiring(2).bake(Duration.ofHours(24)).build();
 * }</pre>
 */
public final class Builders {
  /** The instant the builders date things at unless told otherwise. */
  public static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

  private Builders() {}

  public static PromotionBuilder aPromotion() {
    return new PromotionBuilder();
  }

  /** A builder holding every field of {@code p}, to change some. */
  public static PromotionBuilder aPromotionLike(Promotion p) {
    return new PromotionBuilder(p);
  }

  public static ReleaseBuilder aRelease() {
    return new ReleaseBuilder();
  }

  public static PolicyBuilder aPolicy() {
    return new PolicyBuilder();
  }

  public static DeploymentBuilder aDeployment() {
    return new DeploymentBuilder();
  }

  public static FreezeBuilder aFreeze() {
    return new FreezeBuilder();
  }

  public static ApprovalBuilder anApproval() {
    return new ApprovalBuilder();
  }

  public static WakeUpBuilder aWakeUp() {
    return new WakeUpBuilder();
  }

  public static LeaseBuilder aLease() {
    return new LeaseBuilder();
  }

  public static StepRecordBuilder aStepRecord() {
    return new StepRecordBuilder();
  }

  public static AuditEntryBuilder anAuditEntry() {
    return new AuditEntryBuilder();
  }

  /** An environment {@code name} of the chain (namespace {@code credreg-<name>}). */
  public static EnvironmentBuilder anEnvironment(String name) {
    return new EnvironmentBuilder(name);
  }

  public static AppBuilder anApp() {
    return new AppBuilder();
  }

  /** A workload {@code name} of credreg (repository {@code credreg/<name>}). */
  public static WorkloadBuilder aWorkload(String name) {
    return new WorkloadBuilder(name);
  }

  public static MigrationBuilder aMigration() {
    return new MigrationBuilder();
  }

  public static SmokeCheckBuilder aSmokeCheck() {
    return new SmokeCheckBuilder();
  }

  /** Deterministic digests of credreg's two workloads for build {@code n}. */
  public static Map<String, String> credregDigests(int n) {
    return Map.of(
        "main-app", Fixtures.digest("main-app-" + n), "worker-app", Fixtures.digest("worker-" + n));
  }
}
