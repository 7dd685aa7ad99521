package dev.baton.fakes;

import static dev.baton.fakes.Fixtures.DEPLOYER;

import dev.baton.pipeline.RegisterBuild;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.Workload;
import dev.baton.testing.TestWorld;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard world with a second app, {@code billing} (one workload {@code api}, image {@code
 * billing/api}), for what differs per app. Its workload name differs from credreg's, since the fake
 * cluster keys what runs by environment and workload.
 */
public final class TwoApps {
  public static final String BILLING = "billing";

  private TwoApps() {}

  /**
   * credreg and billing; sandbox has {@code sandbox} as its analysis, and billing its own {@code
   * billingInSandbox} there (null: none of its own).
   */
  public static TestPipeline world(AnalysisPolicy sandbox, AnalysisPolicy billingInSandbox) {
    Pipeline p = TestWorld.credreg().pipeline();
    Map<String, AppDefinition> apps = new LinkedHashMap<>(p.apps());
    AppDefinition billing =
        new AppDefinition(
            BILLING,
            List.of(new Workload("api", "api", "api", "billing/api")),
            "default",
            null,
            List.of(),
            null);
    apps.put(
        BILLING,
        billingInSandbox == null ? billing : billing.withAnalysis("sandbox", billingInSandbox));
    return new TestPipeline(
        new Pipeline(
            p.environments().stream()
                .map(e -> e.name().equals("sandbox") ? e.withAnalysis(sandbox) : e)
                .toList(),
            apps),
        new InMemoryPipelineStore());
  }

  /** Pushes billing's image of build {@code n} and registers the build (test deploys it). */
  public static String registerBilling(TestPipeline t, int n) {
    String digest = Fixtures.digest("billing-api-" + n);
    t.registry.push("default", "billing/api", digest);
    t.core()
        .builds()
        .register(
            new RegisterBuild(
                BILLING,
                Fixtures.tag(n),
                String.format("%040x", 1000 + n),
                "https://ci.example/billing/" + n,
                Map.of("api", digest)),
            "ci");
    return Fixtures.tag(n);
  }

  /**
   * Build 1 of both apps into test, then requested into sandbox after their bake in test; returns
   * the two promotions, credreg's first.
   */
  public static List<Promotion> bothToSandbox(TestPipeline t) {
    t.registerBuild(1);
    registerBilling(t, 1);
    Promotion credreg =
        t.core().promotions().request("credreg", "sandbox", null, DEPLOYER).promotion();
    Promotion billing =
        t.core().promotions().request(BILLING, "sandbox", null, DEPLOYER).promotion();
    t.advance(Duration.ofMinutes(30));
    return List.of(credreg, billing);
  }
}
