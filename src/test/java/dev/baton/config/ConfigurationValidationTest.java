package dev.baton.config;

import static dev.baton.config.ValidationCase.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.baton.pipeline.model.Pipeline;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigurationValidationTest {
  private static final String PROD = "baton.environments.prod.policy.";
  private static final String APP = "baton.apps.credreg.";
  private static final String SMOKE = "https://credreg.example.com/health";

  static Stream<ValidationCase> cases() {
    return Stream.of(
        named("approvals required but nobody may approve")
            .without(PROD + "approvers")
            .fails(PROD + "required-approvals", "is 2 but approvers is empty"),
        named("approvals that the listed users can never give")
            .with(PROD + "approvers", List.of("U0ALICE"))
            .fails(PROD + "required-approvals", "can never be satisfied"),
        named("rollback approvals required but nobody may approve")
            .with("baton.environments.test.policy.rollback-approvals", 1)
            .fails("baton.environments.test.policy.rollback-approvals", "approvers is empty"),
        named("negative approvals")
            .with(PROD + "required-approvals", -1)
            .fails(PROD + "required-approvals", "must be 0 or more"),
        named("auto-deploy beyond the first environment")
            .with("baton.environments.sandbox.policy.auto-deploy", true)
            .fails(
                "baton.environments.sandbox.policy.auto-deploy",
                "only the first environment (test) may auto-deploy"),
        named("approver that is not a Slack ID")
            .with(PROD + "approvers", List.of("S0RELEASE", "bob"))
            .fails(PROD + "approvers[1]", "'bob' is not a Slack user ID"),
        named("deployer in lower case")
            .with(PROD + "deployers", List.of("u0alice"))
            .fails(PROD + "deployers[0]", "is not a Slack user ID"),
        named("admin that is a channel ID")
            .with(PROD + "admins", List.of("C0DEPLOYS"))
            .fails(PROD + "admins[0]", "is not a Slack user ID"),
        named("negative bake time")
            .with(PROD + "minimum-bake", "-1h")
            .fails(PROD + "minimum-bake", "is negative"),
        named("bake time in the first environment")
            .with("baton.environments.test.policy.minimum-bake", "1h")
            .fails("baton.environments.test.policy.minimum-bake", "no previous environment"),
        named("approvals that expire at once")
            .with(PROD + "approval-ttl", "0s")
            .fails(PROD + "approval-ttl", "must be positive"),
        named("a reminder after the request has expired")
            .with(PROD + "approval-ttl", "4h")
            .with(PROD + "reminder-before", "5h")
            .fails(PROD + "reminder-before", "shorter than approval-ttl"),
        named("a negative reminder")
            .with(PROD + "reminder-before", "-1h")
            .fails(PROD + "reminder-before", "at least 0s"),
        named("a reminder that is not a duration")
            .with(PROD + "reminder-before", "soon")
            .fails(PROD + "reminder-before", "is not a duration"),
        named("a wake-up poll of zero")
            .with("baton.runner.wake-up-poll", "0s")
            .fails("baton.runner.wake-up-poll", "must be positive"),
        named("a number written as a word")
            .with("baton.environments.sandbox.policy.required-approvals", "two")
            .fails(
                "baton.environments.sandbox.policy.required-approvals",
                "'two' is not a whole number"),
        named("a duration without a unit")
            .with(PROD + "approval-ttl", "banana")
            .fails(PROD + "approval-ttl", "is not a duration"),
        named("a boolean that is not true or false")
            .with(PROD + "auto-rollback", "yes")
            .fails(PROD + "auto-rollback", "'yes' is not true or false"),
        named("a misspelt policy key")
            .with(PROD + "required-aprovals", 3)
            .fails(PROD + "required-aprovals", "unknown key; did you mean required-approvals?"),
        named("a misspelt app key close to a known one")
            .with(APP + "chanel", "#deploys")
            .fails(APP + "chanel", "unknown key; did you mean channel?"),
        named("a misspelt runner key")
            .with("baton.runner.lease-tll", "30s")
            .fails("baton.runner.lease-tll", "unknown key; did you mean lease-ttl?"),
        named("a misspelt Kubernetes key")
            .with("baton.kubernetes.retry-max-totl", "30s")
            .fails("baton.kubernetes.retry-max-totl", "did you mean retry-max-total?"),
        named("an unknown key far from every known one")
            .with("baton.smoke.colour", "blue")
            .fails(
                "baton.smoke.colour", "unknown key (known keys here: interval, request-timeout)"),
        named("a nested key under a flat settings prefix")
            .with("baton.api.drift-timeout.max", "5s")
            .fails("baton.api.drift-timeout.max", "unknown key"),
        named("a lease of zero")
            .with("baton.runner.lease-ttl", "0s")
            .fails("baton.runner.lease-ttl", "must be positive"),
        named("no step attempts")
            .with("baton.runner.max-attempts", 0)
            .fails("baton.runner.max-attempts", "must be from 1 to 100, not 0"),
        named("a sweep interval that is not a duration")
            .with("baton.runner.sweep-interval", "often")
            .fails("baton.runner.sweep-interval", "'often' is not a duration"),
        named("a sweep switch that is not true or false")
            .with("baton.runner.sweep-enabled", "no")
            .fails("baton.runner.sweep-enabled", "'no' is not true or false"),
        named("a negative Kubernetes retry budget")
            .with("baton.kubernetes.retry-max-total", "-1s")
            .fails("baton.kubernetes.retry-max-total", "must be positive"),
        named("Kubernetes retry attempts written as a word")
            .with("baton.kubernetes.retry-attempts", "many")
            .fails("baton.kubernetes.retry-attempts", "'many' is not a whole number"),
        named("a negative number of log lines")
            .with("baton.kubernetes.log-lines", -1)
            .fails("baton.kubernetes.log-lines", "must be from 0 to 1000, not -1"),
        named("a smoke poll interval of zero")
            .with("baton.smoke.interval", "0s")
            .fails("baton.smoke.interval", "must be positive"),
        named("a default Slack channel without #")
            .with("baton.slack.default-channel", "deploys")
            .fails("baton.slack.default-channel", "'deploys' is not #channel-name or a channel ID"),
        named("a Slack refresh interval of zero")
            .with("baton.slack.refresh-interval", "0s")
            .fails("baton.slack.refresh-interval", "must be positive"),
        named("a misspelt app key")
            .with(APP + "workload.main-app.container", "app")
            .fails(APP + "workload.main-app.container", "unknown key"),
        named("a smoke check key in camel case")
            .with(
                APP + "smoke-checks",
                List.of(Map.of("env", "prod", "url", SMOKE, "expectedStatus", 200)))
            .fails(APP + "smoke-checks", "unknown key"),
        named("pointer tag shaped like a release tag")
            .with(PROD + "pointer-tags", List.of("2024.01.31.0001"))
            .fails(PROD + "pointer-tags[0]", "shape of a release tag"),
        named("pointer tag moved by two environments")
            .with("baton.environments.test.policy.pointer-tags", List.of("prod"))
            .fails(PROD + "pointer-tags[0]", "already moved by environment test"),
        named("pointer tag that is not a tag")
            .with(PROD + "pointer-tags", List.of("pr od"))
            .fails(PROD + "pointer-tags[0]", "not a valid image tag"),
        named("namespace that Kubernetes refuses")
            .with("baton.environments.prod.cluster.namespace", "Credreg_Prod")
            .fails("baton.environments.prod.cluster.namespace", "not a valid Kubernetes namespace"),
        named("chain naming an environment twice")
            .with("baton.chain", List.of("test", "sandbox", "prod", "sandbox"))
            .fails("baton.chain[3]", "names 'sandbox' twice"),
        named("chain naming an undefined environment")
            .with("baton.chain", List.of("test", "sandbox", "staging", "prod"))
            .fails("baton.chain[2]", "baton.environments.staging is not configured"),
        named("blank chain entry")
            .with("baton.chain", List.of("test", " ", "prod"))
            .fails("baton.chain[1]", "is blank"),
        named("environment missing from the chain")
            .with("baton.environments.qa.cluster.namespace", "credreg-qa")
            .fails("baton.environments.qa", "is not in baton.chain"),
        named("environment missing from the default chain")
            .without("baton.chain")
            .with("baton.environments.qa.cluster.namespace", "credreg-qa")
            .fails("baton.environments.qa", "the chain is the default [test, sandbox, prod]"),
        named("environment name too long")
            .with("baton.chain", List.of("test", "sandbox", "prod", "e".repeat(41)))
            .with("baton.environments." + "e".repeat(41) + ".cluster.namespace", "credreg-e")
            .fails("baton.environments." + "e".repeat(41), "must match"),
        named("app name too long")
            .with("baton.apps." + "a".repeat(41) + ".workloads.web.container", "web")
            .with("baton.apps." + "a".repeat(41) + ".workloads.web.repository", "a/web")
            .fails("baton.apps." + "a".repeat(41), "must match"),
        named("app without workloads")
            .with("baton.apps.other.channel", "#other")
            .fails("baton.apps.other.workloads", "at least one workload"),
        named("workload name too long")
            .with(APP + "workloads." + "w".repeat(41) + ".container", "w")
            .with(APP + "workloads." + "w".repeat(41) + ".repository", "credreg/w")
            .fails(APP + "workloads." + "w".repeat(41), "must match"),
        named("blank workload repository")
            .with(APP + "workloads.main-app.repository", " ")
            .fails(APP + "workloads.main-app.repository", "is required"),
        named("workload repository with a tag")
            .with(APP + "workloads.main-app.repository", "credreg/main-app:latest")
            .fails(APP + "workloads.main-app.repository", "names a tag or digest"),
        named("workload without a container")
            .without(APP + "workloads.worker-app.container")
            .fails(APP + "workloads.worker-app.container", "is required"),
        named("two workloads on the same container")
            .with(APP + "workloads.worker-app.deployment", "main-app")
            .with(APP + "workloads.worker-app.container", "app")
            .fails(APP + "workloads.worker-app.container", "also the target of workload main-app"),
        named("blank registry").with(APP + "registry", " ").fails(APP + "registry", "is blank"),
        named("channel without #")
            .with(APP + "channel", "deploys")
            .fails(APP + "channel", "is not #channel-name"),
        named("migration of a workload the app does not have")
            .with(APP + "migration.workload", "api")
            .fails(APP + "migration.workload", "'api' is not one of this app's workloads"),
        named("migration without a command")
            .without(APP + "migration.command")
            .fails(APP + "migration.command", "is required"),
        named("migration in an unknown phase")
            .with(APP + "migration.phase", "sideways")
            .fails(APP + "migration.phase", "is not before-rollout or after-rollout"),
        named("migration with a negative deadline")
            .with(APP + "migration.active-deadline", "-1m")
            .fails(APP + "migration.active-deadline", "must be positive"),
        named("migration with a negative backoff limit")
            .with(APP + "migration.backoff-limit", -1)
            .fails(APP + "migration.backoff-limit", "must be 0 or more"),
        named("migration env with a bad variable name")
            .with(APP + "migration.env.1BAD", "x")
            .fails(APP + "migration.env.1BAD", "not a valid environment variable name"),
        named("smoke check in an environment outside the chain")
            .with(APP + "smoke-checks", List.of(Map.of("env", "staging", "url", SMOKE)))
            .fails(APP + "smoke-checks[0].env", "'staging' is not an environment of the chain"),
        named("smoke check without a URL")
            .with(APP + "smoke-checks", List.of(Map.of("env", "prod")))
            .fails(APP + "smoke-checks[0].url", "is required"),
        named("smoke check with a relative URL")
            .with(APP + "smoke-checks", List.of(Map.of("env", "prod", "url", "credreg/health")))
            .fails(APP + "smoke-checks[0].url", "not an absolute http(s) URL"),
        named("smoke check expecting an impossible status")
            .with(
                APP + "smoke-checks",
                List.of(Map.of("env", "prod", "url", SMOKE, "expected-status", 42)))
            .fails(APP + "smoke-checks[0].expected-status", "must be an HTTP status"),
        named("smoke check with a zero deadline")
            .with(
                APP + "smoke-checks",
                List.of(Map.of("env", "prod", "url", SMOKE, "deadline", "0s")))
            .fails(APP + "smoke-checks[0].deadline", "must be positive"),
        named("a drift timeout of zero")
            .with("baton.api.drift-timeout", "0s")
            .fails("baton.api.drift-timeout", "must be positive"),
        named("a drift timeout that is not a duration")
            .with("baton.api.drift-timeout", "soon")
            .fails("baton.api.drift-timeout", "is not a duration"),
        named("a negative Socket Mode retry")
            .with("baton.slack.socket-mode-retry", "-5s")
            .fails("baton.slack.socket-mode-retry", "must be positive"),
        named("no Slack work threads")
            .with("baton.slack.work-threads", 0)
            .fails("baton.slack.work-threads", "must be from 1 to 256, not 0"),
        named("Slack work threads as words")
            .with("baton.slack.work-threads", "many")
            .fails("baton.slack.work-threads", "is not a whole number"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusesToStartNamingTheKey(ValidationCase c) {
    Throwable thrown = startAndGetPipeline(c.properties());

    assertThat(thrown).as("startup must fail").isNotNull();
    assertThat(thrown.getMessage()).contains(c.key());
    assertThat(errorIn(thrown).problems())
        .anySatisfy(line -> assertThat(line).startsWith(c.key() + ":").contains(c.says()));
  }

  @Test
  void theBaseConfigurationOfTheTableIsValid() {
    try (var ctx = ConfigContexts.run(ValidationCase.base())) {
      assertThat(ctx.getBean(Pipeline.class).app("credreg")).isPresent();
    }
  }

  @Test
  void everyProblemIsListedOnePerLineEachStartingWithItsKey() {
    var c =
        named("several problems")
            .without(PROD + "approvers")
            .with("baton.environments.sandbox.policy.auto-deploy", true)
            .with(APP + "migration.workload", "api");

    ConfigurationError error = errorIn(startAndGetPipeline(c.properties()));

    assertThat(error.problems())
        .hasSize(3)
        .anyMatch(l -> l.startsWith(PROD + "required-approvals: "))
        .anyMatch(l -> l.startsWith("baton.environments.sandbox.policy.auto-deploy: "))
        .anyMatch(l -> l.startsWith(APP + "migration.workload: "));
    assertThat(error.getMessage().lines().skip(1)).containsExactlyElementsOf(error.problems());
  }

  private static Throwable startAndGetPipeline(Map<String, Object> properties) {
    return catchThrowable(
        () -> {
          try (var ctx = ConfigContexts.run(properties)) {
            ctx.getBean(Pipeline.class);
          }
        });
  }

  private static ConfigurationError errorIn(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof ConfigurationError e) {
        return e;
      }
    }
    throw new AssertionError("no ConfigurationError in " + thrown, thrown);
  }
}
