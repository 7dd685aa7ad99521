package dev.baton.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * {@code baton.environments.<name>}: one link of the chain. Every value is optional; the compact
 * constructors apply the documented defaults, so an environment with no keys at all is valid.
 *
 * @param name the map key, e.g. {@code prod}
 * @param windows weekly windows in which promotions may start; none means any time
 * @param blackouts dated periods in which no promotion starts
 * @param target {@code kubernetes} (default: Baton sets the Deployments' images) or {@code gitops}
 *     (Baton commits the digests to {@code git} and a GitOps controller applies them)
 * @param git where a {@code gitops} environment's manifests live; null for {@code kubernetes}
 * @param analysis metric analysis against Prometheus; none means no analysis
 */
@EachProperty("baton.environments")
public record EnvironmentProperties(
    @Parameter String name,
    @Nullable ClusterProperties cluster,
    @Nullable PolicyProperties policy,
    @Nullable List<WindowProperties> windows,
    @Nullable List<BlackoutProperties> blackouts,
    @Nullable String target,
    @Nullable GitProperties git,
    @Nullable AnalysisProperties analysis) {
  public static final String PREFIX = "baton.environments";

  /** The environment's target when none is configured. */
  public static final String KUBERNETES = "kubernetes";

  /** The target of an environment run by Argo CD or Flux from Git. */
  public static final String GITOPS = "gitops";

  public EnvironmentProperties {
    cluster = cluster == null ? new ClusterProperties(null, null, null) : cluster;
    policy = policy == null ? PolicyProperties.DEFAULTS : policy;
    windows =
        Normalize.list(windows).stream()
            .sorted(Comparator.comparing(WindowProperties::index))
            .toList();
    blackouts =
        Normalize.list(blackouts).stream()
            .sorted(Comparator.comparing(BlackoutProperties::index))
            .toList();
    target = target == null || target.isBlank() ? KUBERNETES : target.strip();
    analysis = analysis == null ? AnalysisProperties.NONE : analysis;
  }

  /** An environment of the default chain that has no configuration. */
  public static EnvironmentProperties unconfigured(String name) {
    return new EnvironmentProperties(name, null, null, null, null, null, null, null);
  }

  /** True when Baton promotes into this environment by committing to Git. */
  public boolean gitops() {
    return GITOPS.equals(target);
  }

  /**
   * {@code baton.environments.<name>.windows[<index>]}: a weekly window, read off the wall clock of
   * its zone. Values stay text here and are parsed by the startup checks, which name the key.
   *
   * @param days e.g. {@code MON-THU}, {@code MON,WED,FRI}; default every day. The day it opens.
   * @param from {@code HH:mm}, inclusive; required
   * @param to {@code HH:mm}, exclusive; before {@code from} when the window crosses midnight
   * @param zone a time-zone ID such as {@code Europe/Berlin}; default {@code UTC}
   */
  @EachProperty(value = "windows", list = true)
  public record WindowProperties(
      @Parameter Integer index,
      @Nullable List<String> days,
      @Nullable String from,
      @Nullable String to,
      @Nullable String zone) {
    public WindowProperties {
      days = Normalize.list(days);
      from = Normalize.text(from);
      to = Normalize.text(to);
      zone = Normalize.text(zone);
    }
  }

  /**
   * {@code baton.environments.<name>.blackouts[<index>]}: a dated period without promotions.
   *
   * @param from local date-time {@code 2026-12-20T00:00}, inclusive; required
   * @param to local date-time, exclusive; after {@code from}; required
   * @param zone a time-zone ID; default {@code UTC}
   * @param reason shown to people, e.g. {@code holiday freeze}
   */
  @EachProperty(value = "blackouts", list = true)
  public record BlackoutProperties(
      @Parameter Integer index,
      @Nullable String from,
      @Nullable String to,
      @Nullable String zone,
      @Nullable String reason) {
    public BlackoutProperties {
      from = Normalize.text(from);
      to = Normalize.text(to);
      zone = Normalize.text(zone);
      reason = Normalize.text(reason);
    }
  }

  /**
   * {@code baton.environments.<name>.analysis}: metric analysis against Prometheus. Durations and
   * conditions stay text here or typed values; the startup checks name the key of a bad one.
   *
   * @param prometheus where the queries go
   * @param interval default 1m: time between two evaluations
   * @param duration default 10m: how long the post-deploy analysis runs
   * @param failureLimit default 1: failed evaluations that fail the post-deploy analysis
   * @param checks the named queries; none means no analysis
   * @param postDeploy default true: run the analysis step after the smoke checks
   * @param bake default false; reserved for the metric-gated bake, which is not built yet: true is
   *     refused at startup so that nobody believes promotions are gated by it
   */
  @ConfigurationProperties("analysis")
  public record AnalysisProperties(
      @Nullable PrometheusProperties prometheus,
      @Nullable Duration interval,
      @Nullable Duration duration,
      @Nullable Integer failureLimit,
      @Nullable List<MetricCheckProperties> checks,
      @Nullable Boolean postDeploy,
      @Nullable Boolean bake) {
    static final AnalysisProperties NONE =
        new AnalysisProperties(null, null, null, null, null, null, null);

    public AnalysisProperties {
      prometheus = prometheus == null ? new PrometheusProperties(null, null, null) : prometheus;
      interval = interval == null ? Duration.ofMinutes(1) : interval;
      duration = duration == null ? Duration.ofMinutes(10) : duration;
      failureLimit = failureLimit == null ? 1 : failureLimit;
      checks =
          Normalize.list(checks).stream()
              .sorted(Comparator.comparing(MetricCheckProperties::index))
              .toList();
      postDeploy = postDeploy == null || postDeploy;
      bake = bake != null && bake;
    }

    /**
     * {@code analysis.prometheus}: the HTTP API Baton queries.
     *
     * @param url e.g. {@code http://prometheus:9090}; required with checks
     * @param bearerToken sent as {@code Authorization: Bearer}; never logged
     * @param basicAuth user name and password instead of a token
     */
    @ConfigurationProperties("prometheus")
    public record PrometheusProperties(
        @Nullable String url,
        @Nullable String bearerToken,
        @Nullable BasicAuthProperties basicAuth) {
      public PrometheusProperties {
        url = Normalize.text(url);
        bearerToken = Normalize.text(bearerToken);
      }

      /** {@code analysis.prometheus.basic-auth}. */
      @ConfigurationProperties("basic-auth")
      public record BasicAuthProperties(@Nullable String username, @Nullable String password) {
        public BasicAuthProperties {
          username = Normalize.text(username);
        }
      }
    }

    /** The values of one named query, wherever it is configured. */
    public interface CheckFields {
      Integer index();

      String name();

      String query();

      String successWhen();

      String onEmpty();
    }

    /**
     * {@code analysis.checks[<index>]}: one named query.
     *
     * @param name required, shown in the thread
     * @param query PromQL, required; may use {@code {{app}} {{env}} {{namespace}} {{release}}
     *     {{digest.<workload>}}}
     * @param successWhen required, e.g. {@code "< 0.01"}: every series must satisfy it
     * @param onEmpty {@code wait} (default), {@code pass} or {@code fail}
     */
    @EachProperty(value = "checks", list = true)
    public record MetricCheckProperties(
        @Parameter Integer index,
        @Nullable String name,
        @Nullable String query,
        @Nullable String successWhen,
        @Nullable String onEmpty)
        implements CheckFields {
      public MetricCheckProperties {
        name = Normalize.text(name);
        query = Normalize.text(query);
        successWhen = Normalize.text(successWhen);
        onEmpty = Normalize.text(onEmpty);
      }
    }
  }

  /** The full key of this environment, e.g. {@code baton.environments.prod}. */
  public String key() {
    return PREFIX + "." + name;
  }

  /**
   * {@code baton.environments.<name>.cluster}: where the environment runs.
   *
   * @param kubeconfig kubeconfig file; none means in-cluster or the default kubeconfig
   * @param context kubeconfig context; none means the current one
   * @param namespace Kubernetes namespace; none means the environment's name
   */
  @ConfigurationProperties("cluster")
  public record ClusterProperties(
      @Nullable String kubeconfig, @Nullable String context, @Nullable String namespace) {
    public ClusterProperties {
      kubeconfig = Normalize.text(kubeconfig);
      context = Normalize.text(context);
      namespace = Normalize.text(namespace);
    }
  }

  /**
   * {@code baton.environments.<name>.policy}: the rules of the environment. See {@link
   * dev.baton.pipeline.model.EnvironmentPolicy} for the meaning of each value.
   *
   * @param autoDeploy default false; only the first environment may set it
   * @param requiredApprovals default 0
   * @param approvers Slack user ({@code U…}, {@code W…}) and user-group ({@code S…}) IDs
   * @param deployers default empty, which means anyone
   * @param admins default empty
   * @param selfApprovalForbidden default true
   * @param minimumBake default 0: bake time in the previous environment
   * @param approvalTtl default 24h
   * @param rollbackApprovals default 0
   * @param autoRollback default true
   * @param pointerTags default empty
   * @param freezeAfterRollback default true
   * @param reminderBefore default a quarter of approval-ttl; 0s for no reminder
   * @param breakGlassApprovals default 1; at least 1: approvals a break-glass promotion needs
   * @param breakGlassApprovers default empty, which means break-glass is not available here
   */
  @ConfigurationProperties("policy")
  public record PolicyProperties(
      @Nullable Boolean autoDeploy,
      @Nullable Integer requiredApprovals,
      @Nullable List<String> approvers,
      @Nullable List<String> deployers,
      @Nullable List<String> admins,
      @Nullable Boolean selfApprovalForbidden,
      @Nullable Duration minimumBake,
      @Nullable Duration approvalTtl,
      @Nullable Integer rollbackApprovals,
      @Nullable Boolean autoRollback,
      @Nullable List<String> pointerTags,
      @Nullable Boolean freezeAfterRollback,
      @Nullable Duration reminderBefore,
      @Nullable Integer breakGlassApprovals,
      @Nullable List<String> breakGlassApprovers) {
    /** The policy of an environment that configures none. */
    public static final PolicyProperties DEFAULTS =
        new PolicyProperties(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null);

    public PolicyProperties {
      autoDeploy = autoDeploy != null && autoDeploy;
      requiredApprovals = requiredApprovals == null ? 0 : requiredApprovals;
      approvers = Normalize.list(approvers);
      deployers = Normalize.list(deployers);
      admins = Normalize.list(admins);
      selfApprovalForbidden = selfApprovalForbidden == null || selfApprovalForbidden;
      minimumBake = minimumBake == null ? Duration.ZERO : minimumBake;
      approvalTtl = approvalTtl == null ? Duration.ofHours(24) : approvalTtl;
      rollbackApprovals = rollbackApprovals == null ? 0 : rollbackApprovals;
      autoRollback = autoRollback == null || autoRollback;
      pointerTags = Normalize.list(pointerTags);
      freezeAfterRollback = freezeAfterRollback == null || freezeAfterRollback;
      reminderBefore = reminderBefore == null ? approvalTtl.dividedBy(4) : reminderBefore;
      breakGlassApprovals = breakGlassApprovals == null ? 1 : breakGlassApprovals;
      breakGlassApprovers = Normalize.list(breakGlassApprovers);
    }
  }

  /**
   * {@code baton.environments.<name>.git}: the repository a {@code gitops} environment is applied
   * from. Values stay text where the startup checks parse them, so each message names its key.
   *
   * @param url {@code https://…} or {@code ssh://…}; required
   * @param branch default {@code main}
   * @param path folder of the app's files for this environment; {@code {app}} is replaced by the
   *     app's name, e.g. {@code apps/{app}/overlays/prod}; required
   * @param format {@code kustomize} (default), {@code helm-values} or {@code manifests}
   * @param syncTimeout how long the GitOps controller may take to apply a commit; default 10m
   * @param pushRetries how often a push rejected as non-fast-forward is redone; default 3
   */
  @ConfigurationProperties("git")
  public record GitProperties(
      @Nullable String url,
      @Nullable String branch,
      @Nullable String path,
      @Nullable String format,
      @Nullable AuthorProperties author,
      @Nullable AuthProperties auth,
      @Nullable Duration syncTimeout,
      @Nullable Integer pushRetries) {
    public static final String KUSTOMIZE = "kustomize";
    public static final String HELM_VALUES = "helm-values";
    public static final String MANIFESTS = "manifests";

    public GitProperties {
      url = Normalize.text(url);
      branch = branch == null || branch.isBlank() ? "main" : branch.strip();
      path = Normalize.text(path);
      format = format == null || format.isBlank() ? KUSTOMIZE : format.strip();
      author = author == null ? new AuthorProperties(null, null) : author;
      auth = auth == null ? new AuthProperties(null, null, null) : auth;
      syncTimeout = syncTimeout == null ? Duration.ofMinutes(10) : syncTimeout;
      pushRetries = pushRetries == null ? 3 : pushRetries;
    }

    /**
     * {@code git.author}: who Baton's commits are by.
     *
     * @param name default {@code Baton}
     * @param email default {@code baton@localhost}
     */
    @ConfigurationProperties("author")
    public record AuthorProperties(@Nullable String name, @Nullable String email) {
      public AuthorProperties {
        name = name == null || name.isBlank() ? "Baton" : name.strip();
        email = email == null || email.isBlank() ? "baton@localhost" : email.strip();
      }
    }

    /**
     * {@code git.auth}: credentials; never printed ({@link #toString()} masks them).
     *
     * @param token HTTPS token, sent as the password of basic auth
     * @param sshKey file of the private key for {@code ssh://} URLs
     * @param knownHosts file of the server's host keys for {@code ssh://} URLs; required with them
     */
    @ConfigurationProperties("auth")
    public record AuthProperties(
        @Nullable String token, @Nullable String sshKey, @Nullable String knownHosts) {
      public AuthProperties {
        token = Normalize.text(token);
        sshKey = Normalize.text(sshKey);
        knownHosts = Normalize.text(knownHosts);
      }

      @Override
      public String toString() {
        return "AuthProperties[token="
            + (token == null ? "none" : "****")
            + ", sshKey="
            + sshKey
            + ", knownHosts="
            + knownHosts
            + "]";
      }
    }
  }
}
