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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigurationValidationTest {
  private static final String PROD = "baton.environments.prod.policy.";
  private static final String APP = "baton.apps.credreg.";
  private static final String SMOKE = "https://credreg.example.com/health";

  private static final String WINDOWS = "baton.environments.prod.windows";
  private static final String BLACKOUTS = "baton.environments.prod.blackouts";

  /** prod's one window, Mon–Thu 09:00–16:00 in Berlin, with {@code key} set to {@code value}. */
  private static List<Map<String, Object>> window(String key, Object value) {
    Map<String, Object> w =
        new java.util.HashMap<>(
            Map.of("days", "MON-THU", "from", "09:00", "to", "16:00", "zone", "Europe/Berlin"));
    w.put(key, value);
    w.values().removeIf(v -> v.equals(""));
    return List.of(w);
  }

  /** prod's one blackout over the holidays, with {@code key} set to {@code value}. */
  private static List<Map<String, Object>> blackout(String key, Object value) {
    Map<String, Object> b =
        new java.util.HashMap<>(
            Map.of(
                "from", "2026-12-20T00:00",
                "to", "2027-01-04T09:00",
                "zone", "Europe/Berlin",
                "reason", "holiday freeze"));
    b.put(key, value);
    return List.of(b);
  }

  static Stream<ValidationCase> windowCases() {
    return Stream.of(
        named("a window on a day that does not exist")
            .with(WINDOWS, window("days", "MON-FUN"))
            .fails(WINDOWS + "[0].days", "'FUN' is not a day"),
        named("a window from a time that is not HH:mm")
            .with(WINDOWS, window("from", "9am"))
            .fails(WINDOWS + "[0].from", "'9am' is not a time HH:mm"),
        named("a window time that YAML read as a number")
            .with(WINDOWS, window("to", 960))
            .fails(WINDOWS + "[0].to", "write \"16:00\""),
        named("a window without a start")
            .with(WINDOWS, window("from", ""))
            .fails(WINDOWS + "[0].from", "is required"),
        named("a window of no length")
            .with(WINDOWS, window("to", "09:00"))
            .fails(WINDOWS + "[0].to", "equals from"),
        named("a window in a misspelt zone")
            .with(WINDOWS, window("zone", "Europe/Berlln"))
            .fails(WINDOWS + "[0].zone", "did you mean Europe/Berlin?"),
        named("a window in a zone that does not exist")
            .with(WINDOWS, window("zone", "Mars/Olympus"))
            .fails(WINDOWS + "[0].zone", "'Mars/Olympus' is not a time-zone ID"),
        named("a window key that Baton does not know")
            .with(WINDOWS, window("start", "09:00"))
            .fails(WINDOWS, "'start' in a window is an unknown key"),
        named("a blackout that ends before it starts")
            .with(BLACKOUTS, blackout("to", "2026-12-19T00:00"))
            .fails(BLACKOUTS + "[0].to", "must be after from"),
        named("a blackout that ends when it starts")
            .with(BLACKOUTS, blackout("to", "2026-12-20T00:00"))
            .fails(BLACKOUTS + "[0].to", "must be after from"),
        named("a blackout from a date that is not a date-time")
            .with(BLACKOUTS, blackout("from", "20.12.2026"))
            .fails(BLACKOUTS + "[0].from", "is not a local date-time"),
        named("a blackout in an unknown zone")
            .with(BLACKOUTS, blackout("zone", "Berlin"))
            .fails(BLACKOUTS + "[0].zone", "is not a time-zone ID"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("windowCases")
  void refusesABadWindowOrBlackoutNamingItsKey(ValidationCase c) {
    refusesToStart(c);
  }

  @Test
  void windowsAndBlackoutsThatAreWellFormedStart() {
    var props = new java.util.HashMap<>(ValidationCase.base());
    props.put(WINDOWS, window("days", "FRI"));
    props.put(BLACKOUTS, blackout("reason", "holiday freeze"));
    try (var ctx = ConfigContexts.run(props)) {
      var prod = ctx.getBean(Pipeline.class).env("prod").orElseThrow();
      assertThat(prod.schedule().describeWindows()).isEqualTo("Fri 09:00–16:00 Europe/Berlin");
      assertThat(prod.schedule().blackouts()).hasSize(1);
    }
  }

  static Stream<ValidationCase> cases() {
    return Stream.of(
        named("approvals required but nobody may approve")
            .without(PROD + "approvers")
            .fails(PROD + "required-approvals", "is 2 but approvers is empty"),
        named("approvals that the listed users can never give")
            .with(PROD + "approvers", List.of("U0ALICE"))
            .fails(PROD + "required-approvals", "can never be satisfied"),
        named("approver that is not a Slack ID")
            .with(PROD + "approvers", List.of("S0RELEASE", "bob"))
            .fails(PROD + "approvers[1]", "'bob' is not a Slack user ID"),
        named("deployer in lower case")
            .with(PROD + "deployers", List.of("u0alice"))
            .fails(PROD + "deployers[0]", "is not a Slack user ID"),
        named("admin that is a channel ID")
            .with(PROD + "admins", List.of("C0DEPLOYS"))
            .fails(PROD + "admins[0]", "is not a Slack user ID"),
        named("a break-glass approver that is no Slack ID")
            .with(PROD + "break-glass-approvers", List.of("alice"))
            .fails(PROD + "break-glass-approvers[0]", "is not a Slack user ID"),
        named("a reminder after the request has expired")
            .with(PROD + "approval-ttl", "4h")
            .with(PROD + "reminder-before", "5h")
            .fails(PROD + "reminder-before", "shorter than approval-ttl"),
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
        named("workload without a container")
            .without(APP + "workloads.worker-app.container")
            .fails(APP + "workloads.worker-app.container", "is required"),
        named("two workloads on the same container")
            .with(APP + "workloads.worker-app.deployment", "main-app")
            .with(APP + "workloads.worker-app.container", "app")
            .fails(APP + "workloads.worker-app.container", "also the target of workload main-app"),
        named("blank registry").with(APP + "registry", " ").fails(APP + "registry", "is blank"),
        named("migration without a command")
            .without(APP + "migration.command")
            .fails(APP + "migration.command", "is required"),
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
            .fails(APP + "smoke-checks[0].deadline", "must be positive"));
  }

  /** One key of the valid base set to a bad value: the error names that key and says why. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          # name                                             | key                                                  | value                   | says
          rollback approvals required but nobody may approve | baton.environments.test.policy.rollback-approvals    | 1                       | approvers is empty
          negative approvals                                 | baton.environments.prod.policy.required-approvals    | -1                      | must be 0 or more
          auto-deploy beyond the first environment           | baton.environments.sandbox.policy.auto-deploy        | true                    | only the first environment (test) may auto-deploy
          negative bake time                                 | baton.environments.prod.policy.minimum-bake          | -1h                     | is negative
          bake time in the first environment                 | baton.environments.test.policy.minimum-bake          | 1h                      | no previous environment
          approvals that expire at once                      | baton.environments.prod.policy.approval-ttl          | 0s                      | must be positive
          a negative reminder                                | baton.environments.prod.policy.reminder-before       | -1h                     | at least 0s
          a reminder that is not a duration                  | baton.environments.prod.policy.reminder-before       | soon                    | is not a duration
          a wake-up poll of zero                             | baton.runner.wake-up-poll                            | 0s                      | must be positive
          a number written as a word                         | baton.environments.sandbox.policy.required-approvals | two                     | 'two' is not a whole number
          a duration without a unit                          | baton.environments.prod.policy.approval-ttl          | banana                  | is not a duration
          a boolean that is not true or false                | baton.environments.prod.policy.auto-rollback         | yes                     | 'yes' is not true or false
          a misspelt policy key                              | baton.environments.prod.policy.required-aprovals     | 3                       | unknown key; did you mean required-approvals?
          a misspelt app key close to a known one            | baton.apps.credreg.chanel                            | #deploys                | unknown key; did you mean channel?
          break-glass without approval                       | baton.environments.prod.policy.break-glass-approvals | 0                       | must be 1 or more
          a misspelt break-glass key                         | baton.environments.prod.policy.break-glass-aprovers  | U0ALICE1                | did you mean break-glass-approvers?
          a source repository that is no URL                 | baton.apps.credreg.source.url                        | github.com/org/credreg  | is not an http(s) URL
          a compare template without both ends               | baton.apps.credreg.source.compare                    | "{url}/compare/{to}"    | must contain {from} and {to}
          a misspelt source key                              | baton.apps.credreg.source.compair                    | x                       | did you mean compare?
          a misspelt runner key                              | baton.runner.lease-tll                               | 30s                     | unknown key; did you mean lease-ttl?
          a misspelt Kubernetes key                          | baton.kubernetes.retry-max-totl                      | 30s                     | did you mean retry-max-total?
          an unknown key far from every known one            | baton.smoke.colour                                   | blue                    | unknown key (known keys here: interval, request-timeout)
          a nested key under a flat settings prefix          | baton.api.drift-timeout.max                          | 5s                      | unknown key
          a lease of zero                                    | baton.runner.lease-ttl                               | 0s                      | must be positive
          no step attempts                                   | baton.runner.max-attempts                            | 0                       | must be from 1 to 100, not 0
          a sweep interval that is not a duration            | baton.runner.sweep-interval                          | often                   | 'often' is not a duration
          a sweep switch that is not true or false           | baton.runner.sweep-enabled                           | no                      | 'no' is not true or false
          a negative Kubernetes retry budget                 | baton.kubernetes.retry-max-total                     | -1s                     | must be positive
          Kubernetes retry attempts written as a word        | baton.kubernetes.retry-attempts                      | many                    | 'many' is not a whole number
          a negative number of log lines                     | baton.kubernetes.log-lines                           | -1                      | must be from 0 to 1000, not -1
          a smoke poll interval of zero                      | baton.smoke.interval                                 | 0s                      | must be positive
          a default Slack channel without #                  | baton.slack.default-channel                          | deploys                 | 'deploys' is not #channel-name or a channel ID
          a Slack refresh interval of zero                   | baton.slack.refresh-interval                         | 0s                      | must be positive
          a misspelt app key                                 | baton.apps.credreg.workload.main-app.container       | app                     | unknown key
          namespace that Kubernetes refuses                  | baton.environments.prod.cluster.namespace            | Credreg_Prod            | not a valid Kubernetes namespace
          workload repository with a tag                     | baton.apps.credreg.workloads.main-app.repository     | credreg/main-app:latest | names a tag or digest
          channel without #                                  | baton.apps.credreg.channel                           | deploys                 | is not #channel-name
          migration of a workload the app does not have      | baton.apps.credreg.migration.workload                | api                     | 'api' is not one of this app's workloads
          migration in an unknown phase                      | baton.apps.credreg.migration.phase                   | sideways                | is not before-rollout or after-rollout
          migration with a negative deadline                 | baton.apps.credreg.migration.active-deadline         | -1m                     | must be positive
          migration with a negative backoff limit            | baton.apps.credreg.migration.backoff-limit           | -1                      | must be 0 or more
          migration env with a bad variable name             | baton.apps.credreg.migration.env.1BAD                | x                       | not a valid environment variable name
          a drift timeout of zero                            | baton.api.drift-timeout                              | 0s                      | must be positive
          a drift timeout that is not a duration             | baton.api.drift-timeout                              | soon                    | is not a duration
          a negative Socket Mode retry                       | baton.slack.socket-mode-retry                        | -5s                     | must be positive
          no Slack work threads                              | baton.slack.work-threads                             | 0                       | must be from 1 to 256, not 0
          Slack work threads as words                        | baton.slack.work-threads                             | many                    | is not a whole number
          no Slack work queue                                | baton.slack.work-queue                               | 0                       | must be from 1 to 100000, not 0
          """)
  void refusesABadValueNamingItsKey(String name, String key, String value, String says) {
    refusesToStart(named(name).with(key, value).fails(key, says));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusesToStartNamingTheKey(ValidationCase c) {
    refusesToStart(c);
  }

  private static void refusesToStart(ValidationCase c) {
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
