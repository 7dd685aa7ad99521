package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.FuzzBudget;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.port.Registry;
import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * Fuzzes the {@code baton.*} configuration: the valid table configuration with random keys set to
 * random values of every kind (wrong types, out-of-range numbers, odd durations, unknown keys,
 * removed keys). Starting a context either yields a pipeline and a registry router, or fails with
 * one {@link ConfigurationError} whose every line names a {@code baton.} key; never any other
 * exception, and a registry secret is never quoted. Each try starts a context, so CI runs a short
 * budget; {@code -Djqwik.tries.default=N} runs more (docs/testing.md).
 */
@PropertyDefaults(tries = 60)
@AddLifecycleHook(value = FuzzBudget.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class ConfigurationFuzzTest {
  private static final String PASSWORD = "SECRET-fuzz-password";

  /** A change to the base configuration: set {@code key} to {@code value}, or remove it. */
  record Change(String key, Object value) {}

  @Property
  void aConfigurationIsEitherValidOrRefusedNamingItsKeys(@ForAll("changes") List<Change> changes) {
    Map<String, Object> p = base();
    for (Change c : changes) {
      if (c.value() == null) {
        p.remove(c.key());
      } else {
        p.put(c.key(), c.value());
      }
    }
    Throwable thrown = null;
    try (ApplicationContext ctx = ConfigContexts.run(p)) {
      Pipeline pipeline = ctx.getBean(Pipeline.class);
      assertThat(pipeline.environments()).as("a valid pipeline has a chain").isNotEmpty();
      Registry registry = ctx.getBean(Registry.class);
      assertThat(registry).isNotNull();
    } catch (RuntimeException e) {
      thrown = e;
    }
    if (thrown != null && unresolvedPlaceholder(thrown)) {
      // A value naming an unset ${property}: Micronaut stops startup itself, naming the
      // placeholder, before Baton sees the value. Clear enough, and nothing secret to quote.
      assertThat(thrown.toString()).doesNotContain(PASSWORD);
      return;
    }
    if (thrown != null) {
      ConfigurationError error = errorIn(thrown, changes);
      assertThat(error.problems()).isNotEmpty();
      assertThat(error.problems())
          .as("every problem starts with its key")
          .allSatisfy(line -> assertThat(line).matches("(?s)baton\\.[^ :]+: .+"));
      assertThat(error.getMessage()).as("a secret is never quoted").doesNotContain(PASSWORD);
    }
  }

  private static boolean unresolvedPlaceholder(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof io.micronaut.context.exceptions.ConfigurationException
          && String.valueOf(t.getMessage()).startsWith("Could not resolve placeholder ${")) {
        return true;
      }
    }
    return false;
  }

  private static ConfigurationError errorIn(Throwable thrown, List<Change> changes) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof ConfigurationError e) {
        return e;
      }
    }
    throw new AssertionError("not a ConfigurationError for " + changes, thrown);
  }

  /** The validation table's pipeline with an OCI registry for its app. */
  private static Map<String, Object> base() {
    Map<String, Object> p = new HashMap<>(ValidationCase.base());
    p.put("baton.registries.default.type", "oci");
    p.put("baton.registries.default.url", "https://registry.example.com");
    p.put("baton.registries.default.username", "ci");
    p.put("baton.registries.default.password", PASSWORD);
    return p;
  }

  private static final List<String> KEYS =
      List.of(
          "baton.chain",
          "baton.api.drift-timeout",
          "baton.slack.socket-mode-retry",
          "baton.slack.work-threads",
          "baton.slack.work-queue",
          "baton.environments.test.policy.auto-deploy",
          "baton.environments.sandbox.policy.auto-deploy",
          "baton.environments.prod.policy.required-approvals",
          "baton.environments.prod.policy.rollback-approvals",
          "baton.environments.prod.policy.approvers",
          "baton.environments.prod.policy.deployers",
          "baton.environments.prod.policy.admins",
          "baton.environments.prod.policy.self-approval-forbidden",
          "baton.environments.prod.policy.minimum-bake",
          "baton.environments.test.policy.minimum-bake",
          "baton.environments.prod.policy.approval-ttl",
          "baton.environments.prod.policy.pointer-tags",
          "baton.environments.prod.policy.freeze-after-rollback",
          "baton.environments.prod.policy.auto-rollback",
          "baton.environments.prod.policy.required-aprovals",
          "baton.environments.prod.cluster.namespace",
          "baton.environments.prod.cluster.context",
          "baton.environments.prod.cluster",
          "baton.environments.prod",
          "baton.environments.qa.cluster.namespace",
          "baton.environments.Prod_1.policy.auto-deploy",
          "baton.apps.credreg.registry",
          "baton.apps.credreg.channel",
          "baton.apps.credreg.workloads.main-app.container",
          "baton.apps.credreg.workloads.main-app.repository",
          "baton.apps.credreg.workloads.main-app.deployment",
          "baton.apps.credreg.workloads",
          "baton.apps.credreg.migration.workload",
          "baton.apps.credreg.migration.phase",
          "baton.apps.credreg.migration.command",
          "baton.apps.credreg.migration.backoff-limit",
          "baton.apps.credreg.migration.active-deadline",
          "baton.apps.credreg.migration.env.DB_URL",
          "baton.apps.credreg.migration.service-account",
          "baton.apps.credreg.smoke-checks",
          "baton.apps.credreg.colour",
          "baton.apps.other.workloads.web.container",
          "baton.apps.BAD_NAME.workloads.web.repository",
          "baton.registries.default.type",
          "baton.registries.default.url",
          "baton.registries.default.insecure",
          "baton.registries.default.password",
          "baton.registries.default.token",
          "baton.registries.default.timeout",
          "baton.registries.default.retry.max-attempts",
          "baton.registries.default.retry.base-delay",
          "baton.registries.default.retry.max-delay",
          "baton.registries.default.region",
          "baton.registries.default.colour",
          "baton.registries.ecr.type",
          "baton.registries.ecr.region",
          "baton.registries.ecr.registry-id",
          "baton.registries.ecr.endpoint",
          "baton.registries.ecr.access-key-id");

  /** Values of every kind a YAML file, an environment variable or a typo can produce. */
  static Arbitrary<Object> value() {
    Arbitrary<Object> text =
        Arbitraries.oneOf(
            Arbitraries.of(
                "",
                " ",
                "true",
                "false",
                "yes",
                "TRUE",
                "0",
                "1",
                "2",
                "-1",
                "99999999999",
                "2147483648",
                "two",
                "1.5",
                "0s",
                "-1h",
                "24h",
                "PT24H",
                "P1D",
                "90m",
                "500ms",
                "banana",
                "1y",
                "9999999999999d",
                "before-rollout",
                "after-rollout",
                "sideways",
                "test",
                "prod",
                "test,sandbox,prod",
                "U0ALICE",
                "S0RELEASE",
                "u0alice",
                "#deploys",
                "deploys",
                "C0DEPLOYS",
                "https://registry.example.com",
                "http://registry.local",
                "https://user:pw@registry.example.com",
                "https://registry.example.com/v2/x",
                "not a url",
                "ecr",
                "oci",
                "docker",
                "eu-west-1",
                "123456789012",
                "credreg/x:tag",
                "credreg/x@sha256:00",
                "main-app",
                "api",
                "latest",
                "2024.01.31.0001",
                "Credreg_Prod",
                "é",
                "🚀",
                "a".repeat(300),
                "${baton.api.read-token}",
                "\u0000"),
            Arbitraries.strings().ofMaxLength(20));
    Arbitrary<Object> number =
        Arbitraries.of(
                0, 1, 2, 3, -1, 100, 599, 600, Integer.MAX_VALUE, Integer.MIN_VALUE, 1.5, -0.0)
            .map(n -> (Object) n);
    Arbitrary<Object> bool = Arbitraries.of(true, false).map(b -> (Object) b);
    Arbitrary<Object> list = text.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
    Arbitrary<Object> smoke =
        Combinators.combine(
                text,
                text,
                number,
                Arbitraries.of("env", "url", "expected-status", "deadline", "expectedStatus", "x"))
            .as(
                (env, url, status, k) -> {
                  Map<String, Object> m = new HashMap<>();
                  m.put("env", env);
                  m.put("url", url);
                  m.put(k, status);
                  return (Object) List.of(m);
                });
    Arbitrary<Object> map =
        Combinators.combine(Arbitraries.of("namespace", "x", "policy", "container"), text)
            .as((k, v) -> (Object) Map.of(k, v));
    return Arbitraries.frequencyOf(
        Tuple.of(5, text),
        Tuple.of(2, number),
        Tuple.of(2, bool),
        Tuple.of(2, list),
        Tuple.of(1, smoke),
        Tuple.of(1, map),
        Tuple.of(2, Arbitraries.just(null)));
  }

  @Provide
  Arbitrary<List<Change>> changes() {
    return Combinators.combine(Arbitraries.of(KEYS), value())
        .as(Change::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }
}
