package dev.baton.testing;

import static dev.baton.testing.Builders.aPolicy;

import dev.baton.fakes.FakeRegistry;
import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.RegisterBuild;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Blackout;
import dev.baton.pipeline.model.DeploymentSchedule;
import dev.baton.pipeline.model.DeploymentWindow;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.EnvironmentPolicy;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Principals;
import dev.baton.pipeline.model.SmokeCheck;
import dev.baton.pipeline.model.Workload;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The credreg world the tests run in, defined once and rendered both as the core's {@link Pipeline}
 * records ({@link #pipeline()}) and as the {@code baton.*} properties an operator would write
 * ({@link #properties()}); {@code TestWorldTest} proves the two are the same pipeline.
 *
 * <p>credreg has two workloads ({@code main-app}, {@code worker-app}) in registry {@code default}
 * and goes through test (auto-deploy, tag {@code latest}) → sandbox (30 minutes of bake in test) →
 * prod (2 approvals, 24 h of bake in sandbox, tag {@code prod}, frozen after a rollback), each in
 * namespace {@code credreg-<env>}, with a migration Job before each rollout and a smoke check in
 * prod. Every knob returns a new world.
 */
public final class TestWorld {
  public static final String APP = "credreg";
  private static final List<String> ALL_ENVS = List.of("test", "sandbox", "prod");

  private List<String> chain = ALL_ENVS;
  private boolean autoRollback = true;
  private String channel;
  private boolean migration = true;
  private String smokeUrl = "http://127.0.0.1/health";
  private Duration smokeDeadline = Duration.ofMinutes(1);
  private Duration prodBake = Duration.ofHours(24);
  private List<String> approvers =
      List.of(
          Fixtures.APPROVER_1,
          Fixtures.APPROVER_2,
          Fixtures.APPROVER_3,
          Fixtures.REQUESTER,
          Fixtures.GROUP_SRE);
  private Map<String, List<String>> deployers = Map.of();
  private List<String> admins = List.of(Fixtures.ADMIN);
  private String kubeconfig;
  private String kubeContext;
  private Map<String, List<Map<String, Object>>> windows = Map.of();
  private Map<String, List<Map<String, Object>>> blackouts = Map.of();
  private Map<String, Map.Entry<Integer, List<String>>> breakGlass = Map.of();

  private TestWorld() {}

  /** A copy of this world, changed by {@code change}. */
  private TestWorld with(Consumer<TestWorld> change) {
    TestWorld w = copy();
    change.accept(w);
    return w;
  }

  private TestWorld copy() {
    TestWorld w = new TestWorld();
    w.chain = chain;
    w.autoRollback = autoRollback;
    w.channel = channel;
    w.migration = migration;
    w.smokeUrl = smokeUrl;
    w.smokeDeadline = smokeDeadline;
    w.prodBake = prodBake;
    w.approvers = approvers;
    w.deployers = deployers;
    w.admins = admins;
    w.kubeconfig = kubeconfig;
    w.kubeContext = kubeContext;
    w.windows = windows;
    w.blackouts = blackouts;
    w.breakGlass = breakGlass;
    return w;
  }

  /** The standard world ({@link Fixtures#credreg()}). */
  public static TestWorld credreg() {
    return new TestWorld();
  }

  /** The chain, a selection of test, sandbox and prod in that order, starting with test. */
  public TestWorld chain(String... envs) {
    return with(w -> w.chain = List.of(envs));
  }

  /** Whether every environment rolls back a failed deployment on its own (on by default). */
  public TestWorld autoRollback(boolean value) {
    return with(w -> w.autoRollback = value);
  }

  /** The Slack channel of credreg's release threads (none by default). */
  public TestWorld channel(String value) {
    return with(w -> w.channel = value);
  }

  public TestWorld withoutMigration() {
    return with(w -> w.migration = false);
  }

  /** prod's smoke check asks {@code url} for its {@code revision} until {@code deadline}. */
  public TestWorld smokeCheck(String url, Duration deadline) {
    return with(
        w -> {
          w.smokeUrl = url;
          w.smokeDeadline = deadline;
        });
  }

  public TestWorld withoutSmokeCheck() {
    return with(w -> w.smokeUrl = null);
  }

  /** The bake prod needs in the environment before it (24 h by default). */
  public TestWorld prodBake(Duration value) {
    return with(w -> w.prodBake = value);
  }

  /** Who may approve, in every environment (user ids, and group ids starting with S). */
  public TestWorld approvers(String... ids) {
    return with(w -> w.approvers = List.of(ids));
  }

  /**
   * Who may request promotions into {@code env}, none meaning anyone; by default the credreg
   * deployers ({@link Fixtures#deployers()}) in every environment after the first.
   */
  public TestWorld deployers(String env, String... ids) {
    return with(
        w -> {
          Map<String, List<String>> d = new LinkedHashMap<>(deployers);
          d.put(env, List.of(ids));
          w.deployers = Map.copyOf(d);
        });
  }

  public TestWorld admins(String... ids) {
    return with(w -> w.admins = List.of(ids));
  }

  /** Every environment on this cluster ({@code kubeconfig} file and its {@code context}). */
  public TestWorld cluster(String kubeconfigFile, String context) {
    return with(
        w -> {
          w.kubeconfig = kubeconfigFile;
          w.kubeContext = context;
        });
  }

  /** Adds a weekly window to {@code env}, e.g. {@code window("prod", "MON-THU", "09:00", …)}. */
  public TestWorld window(String env, String days, String from, String to, String zone) {
    return with(
        w ->
            w.windows =
                added(windows, env, Map.of("days", days, "from", from, "to", to, "zone", zone)));
  }

  /** Adds a blackout to {@code env}: local date-times {@code 2026-12-20T00:00} in {@code zone}. */
  public TestWorld blackout(String env, String from, String to, String zone, String reason) {
    return with(
        w ->
            w.blackouts =
                added(
                    blackouts,
                    env,
                    Map.of("from", from, "to", to, "zone", zone, "reason", reason)));
  }

  /** Lets {@code env} take break-glass promotions: {@code approvals} from {@code approvers}. */
  public TestWorld breakGlass(String env, int approvals, String... approverIds) {
    return with(
        w -> {
          Map<String, Map.Entry<Integer, List<String>>> copy = new LinkedHashMap<>(breakGlass);
          copy.put(env, Map.entry(approvals, List.of(approverIds)));
          w.breakGlass = Map.copyOf(copy);
        });
  }

  private static Map<String, List<Map<String, Object>>> added(
      Map<String, List<Map<String, Object>>> all, String env, Map<String, Object> entry) {
    Map<String, List<Map<String, Object>>> copy = new LinkedHashMap<>(all);
    List<Map<String, Object>> list = new ArrayList<>(copy.getOrDefault(env, List.of()));
    list.add(entry);
    copy.put(env, List.copyOf(list));
    return Map.copyOf(copy);
  }

  public List<String> envs() {
    return chain;
  }

  public static String namespace(String env) {
    return APP + "-" + env;
  }

  // ---- as records ----

  public Pipeline pipeline() {
    List<EnvironmentDefinition> envs = new ArrayList<>();
    for (String env : chain) {
      envs.add(
          new EnvironmentDefinition(
              env, kubeconfig, kubeContext, namespace(env), policy(env), schedule(env)));
    }
    Map<String, AppDefinition> apps = new LinkedHashMap<>();
    apps.put(APP, app());
    return new Pipeline(envs, apps);
  }

  private DeploymentSchedule schedule(String env) {
    return new DeploymentSchedule(
        windows.getOrDefault(env, List.of()).stream()
            .map(
                w ->
                    new DeploymentWindow(
                        DeploymentWindow.parseDays(List.of((String) w.get("days"))),
                        LocalTime.parse((String) w.get("from")),
                        LocalTime.parse((String) w.get("to")),
                        ZoneId.of((String) w.get("zone"))))
            .toList(),
        blackouts.getOrDefault(env, List.of()).stream()
            .map(
                b ->
                    new Blackout(
                        LocalDateTime.parse((String) b.get("from")),
                        LocalDateTime.parse((String) b.get("to")),
                        ZoneId.of((String) b.get("zone")),
                        (String) b.get("reason")))
            .toList());
  }

  private EnvironmentPolicy policy(String env) {
    boolean first = env.equals(chain.get(0));
    return aPolicy()
        .autoDeploy(first)
        .requiring(approvals(env))
        .approvers(Principals.of(approvers))
        .deployers(Principals.of(deployers(env)))
        .admins(Principals.of(admins))
        .bake(bake(env))
        .autoRollback(autoRollback)
        .pointerTags(pointerTags(env).toArray(String[]::new))
        .freezeAfterRollback(env.equals("prod"))
        .breakGlass(
            breakGlass.containsKey(env) ? breakGlass.get(env).getKey() : 1,
            Principals.of(breakGlass.containsKey(env) ? breakGlass.get(env).getValue() : List.of()))
        .build();
  }

  private AppDefinition app() {
    return new AppDefinition(
        APP,
        List.of(
            new Workload("main-app", "main-app", "app", "credreg/main-app"),
            new Workload("worker-app", "worker-app", "worker", "credreg/worker-app")),
        "default",
        migration
            ? new Migration(
                "main-app",
                Migration.Phase.BEFORE_ROLLOUT,
                List.of("migrate"),
                Map.of(),
                true,
                null,
                1,
                Duration.ofMinutes(10))
            : null,
        smokeUrl == null
            ? List.of()
            : List.of(new SmokeCheck("prod", smokeUrl, 200, "revision", smokeDeadline)),
        channel);
  }

  private List<String> deployers(String env) {
    if (env.equals(chain.get(0))) {
      return List.of();
    }
    return deployers.getOrDefault(
        env,
        List.of(
            Fixtures.REQUESTER,
            Fixtures.DEPLOYER,
            Fixtures.APPROVER_1,
            Fixtures.APPROVER_2,
            Fixtures.APPROVER_3));
  }

  private int approvals(String env) {
    return env.equals("prod") ? 2 : 0;
  }

  private Duration bake(String env) {
    switch (env) {
      case "sandbox":
        return Duration.ofMinutes(30);
      case "prod":
        return prodBake;
      default:
        return Duration.ZERO;
    }
  }

  private static List<String> pointerTags(String env) {
    switch (env) {
      case "test":
        return List.of("latest");
      case "prod":
        return List.of("prod");
      default:
        return List.of();
    }
  }

  // ---- as configuration ----

  /** The same pipeline as {@code baton.*} properties, as an operator would write them. */
  public Map<String, Object> properties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("baton.chain", chain);
    for (String env : chain) {
      boolean first = env.equals(chain.get(0));
      String e = "baton.environments." + env;
      p.put(e + ".cluster.namespace", namespace(env));
      putIfSet(p, e + ".cluster.kubeconfig", kubeconfig);
      putIfSet(p, e + ".cluster.context", kubeContext);
      if (first) {
        p.put(e + ".policy.auto-deploy", true);
      }
      if (approvals(env) > 0) {
        p.put(e + ".policy.required-approvals", approvals(env));
      }
      putIfAny(p, e + ".policy.approvers", approvers);
      putIfAny(p, e + ".policy.deployers", deployers(env));
      putIfAny(p, e + ".policy.admins", admins);
      if (!bake(env).isZero()) {
        p.put(e + ".policy.minimum-bake", duration(bake(env)));
      }
      p.put(e + ".policy.auto-rollback", autoRollback);
      putIfAny(p, e + ".policy.pointer-tags", pointerTags(env));
      p.put(e + ".policy.freeze-after-rollback", env.equals("prod"));
      if (breakGlass.containsKey(env)) {
        p.put(e + ".policy.break-glass-approvals", breakGlass.get(env).getKey());
        putIfAny(p, e + ".policy.break-glass-approvers", breakGlass.get(env).getValue());
      }
      if (windows.containsKey(env)) {
        p.put(e + ".windows", windows.get(env));
      }
      if (blackouts.containsKey(env)) {
        p.put(e + ".blackouts", blackouts.get(env));
      }
    }
    String a = "baton.apps." + APP;
    p.put(a + ".registry", "default");
    putIfSet(p, a + ".channel", channel);
    p.put(a + ".workloads.main-app.container", "app");
    p.put(a + ".workloads.main-app.repository", "credreg/main-app");
    p.put(a + ".workloads.worker-app.container", "worker");
    p.put(a + ".workloads.worker-app.repository", "credreg/worker-app");
    if (migration) {
      p.put(a + ".migration.workload", "main-app");
      p.put(a + ".migration.phase", "before-rollout");
      p.put(a + ".migration.command", List.of("migrate"));
      p.put(a + ".migration.backoff-limit", 1);
      p.put(a + ".migration.active-deadline", "10m");
    }
    if (smokeUrl != null) {
      p.put(
          a + ".smoke-checks",
          List.of(
              Map.of(
                  "env",
                  "prod",
                  "url",
                  smokeUrl,
                  "revision-field",
                  "revision",
                  "deadline",
                  duration(smokeDeadline))));
    }
    return p;
  }

  private static void putIfSet(Map<String, Object> p, String key, String value) {
    if (value != null) {
      p.put(key, value);
    }
  }

  private static void putIfAny(Map<String, Object> p, String key, List<String> values) {
    if (!values.isEmpty()) {
      p.put(key, new ArrayList<>(values)); // a list of its own: YAML writes no anchors
    }
  }

  /** {@code 24h}, {@code 30m} or {@code 90s}, as people write durations. */
  static String duration(Duration d) {
    if (d.toSeconds() % 3600 == 0) {
      return d.toHours() + "h";
    }
    if (d.toSeconds() % 60 == 0) {
      return d.toMinutes() + "m";
    }
    return d.toSeconds() + "s";
  }

  // ---- builds ----

  /** Build {@code n} of credreg as CI registers it: tag, commit and one digest per workload. */
  public static RegisterBuild build(int n) {
    return new RegisterBuild(
        APP,
        Fixtures.tag(n),
        String.format("%040x", n),
        "https://ci.example/" + n,
        Map.of(
            "main-app",
            Fixtures.digest("main-" + n),
            "worker-app",
            Fixtures.digest("worker-" + n)));
  }

  /** Pushes build {@code n}'s images to the fake registry, as CI does before it registers. */
  public static RegisterBuild pushed(FakeRegistry registry, int n) {
    RegisterBuild b = build(n);
    b.digests()
        .forEach((workload, digest) -> registry.push("default", APP + "/" + workload, digest));
    return b;
  }
}
