package dev.baton.config;

import static dev.baton.config.ConfigPatterns.matches;

import dev.baton.config.AppProperties.MigrationProperties;
import dev.baton.config.AppProperties.SmokeCheckProperties;
import dev.baton.config.AppProperties.WorkloadProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks each app: its name, registry, channel, workloads, migration and smoke checks. */
final class AppRules {
  private AppRules() {}

  /** Checks {@code apps} against the resolved chain's environment names. */
  static void check(List<AppProperties> apps, List<String> chain, Problems problems) {
    for (AppProperties app : apps) {
      String k = app.key();
      if (!matches(ConfigPatterns.NAME, app.name())) {
        problems.add(k, "the name '" + app.name() + "' must match " + ConfigPatterns.NAME);
      }
      if (app.registry().isBlank()) {
        problems.add(k + ".registry", "is blank; leave it out to use the registry named 'default'");
      }
      if (app.channel() != null && !matches(ConfigPatterns.SLACK_CHANNEL, app.channel())) {
        problems.add(
            k + ".channel",
            "'" + app.channel() + "' is not #channel-name or a channel ID (C…, G…)");
      }
      workloads(app, problems);
      if (app.migration() != null) {
        migration(app, app.migration(), problems);
      }
      for (SmokeCheckProperties check : app.smokeChecks()) {
        smokeCheck(k + ".smoke-checks[" + check.index() + "].", check, chain, problems);
      }
      if (app.source() != null) {
        source(k + ".source.", app.source(), problems);
      }
    }
  }

  /** The repository is an http(s) URL; a compare template names both ends of the range. */
  private static void source(String k, AppProperties.SourceProperties s, Problems problems) {
    if (s.url() == null) {
      problems.add(k + "url", "is required when source is set (e.g. https://github.com/org/app)");
    } else if (!s.url().matches("https?://[^\\s/]+(/\\S*)?")) {
      problems.add(k + "url", "'" + s.url() + "' is not an http(s) URL");
    }
    if (s.compare() != null && !(s.compare().contains("{from}") && s.compare().contains("{to}"))) {
      problems.add(
          k + "compare", "'" + s.compare() + "' must contain {from} and {to} (and usually {url})");
    }
  }

  private static void workloads(AppProperties app, Problems problems) {
    if (app.workloads().isEmpty()) {
      problems.add(app.key() + ".workloads", "an app needs at least one workload");
    }
    Map<String, String> targets = new HashMap<>();
    for (WorkloadProperties w : app.workloads()) {
      String k = app.key() + ".workloads." + w.name();
      if (!matches(ConfigPatterns.NAME, w.name())) {
        problems.add(k, "the name '" + w.name() + "' must match " + ConfigPatterns.NAME);
      }
      if (!matches(ConfigPatterns.DNS_SUBDOMAIN, w.deployment())) {
        problems.add(k + ".deployment", "'" + w.deployment() + "' is not a valid Deployment name");
      }
      if (w.container() == null) {
        problems.add(k + ".container", "is required: the container whose image Baton sets");
      } else if (!matches(ConfigPatterns.DNS_LABEL, w.container())) {
        problems.add(k + ".container", "'" + w.container() + "' is not a valid container name");
      } else {
        String target = w.deployment() + "/" + w.container();
        String other = targets.putIfAbsent(target, w.name());
        if (other != null) {
          problems.add(k + ".container", target + " is also the target of workload " + other);
        }
      }
      repository(k + ".repository", w.repository(), problems);
    }
  }

  private static void repository(String key, String repository, Problems problems) {
    if (repository == null) {
      problems.add(key, "is required: the image repository, e.g. credreg/main-app");
      return;
    }
    String lastPart = repository.substring(repository.lastIndexOf('/') + 1);
    if (repository.chars().anyMatch(Character::isWhitespace)) {
      problems.add(key, "'" + repository + "' contains whitespace");
    } else if (repository.contains("@") || lastPart.contains(":")) {
      problems.add(
          key,
          "'"
              + repository
              + "' names a tag or digest; give the repository only: Baton deploys by digest");
    }
  }

  private static void migration(AppProperties app, MigrationProperties m, Problems problems) {
    String k = app.key() + ".migration.";
    List<String> names = app.workloads().stream().map(WorkloadProperties::name).toList();
    if (m.workload() == null) {
      problems.add(k + "workload", "is required: the workload whose image runs the migration");
    } else if (!names.contains(m.workload())) {
      problems.add(
          k + "workload", "'" + m.workload() + "' is not one of this app's workloads " + names);
    }
    if (m.command().isEmpty() || m.command().stream().anyMatch(c -> c == null || c.isBlank())) {
      problems.add(k + "command", "is required and must not contain blank arguments");
    }
    m.env().keySet().stream()
        .filter(name -> !matches(ConfigPatterns.ENV_VAR, name))
        .forEach(
            name -> problems.add(k + "env." + name, "is not a valid environment variable name"));
    if (m.serviceAccount() != null && !matches(ConfigPatterns.DNS_SUBDOMAIN, m.serviceAccount())) {
      problems.add(
          k + "service-account", "'" + m.serviceAccount() + "' is not a valid ServiceAccount name");
    }
    if (m.backoffLimit() < 0) {
      problems.add(k + "backoff-limit", "is " + m.backoffLimit() + " but must be 0 or more");
    }
    if (m.activeDeadline().isNegative() || m.activeDeadline().isZero()) {
      problems.add(k + "active-deadline", "must be positive (is " + m.activeDeadline() + ")");
    }
  }

  private static void smokeCheck(
      String k, SmokeCheckProperties c, List<String> chain, Problems problems) {
    if (c.env() == null) {
      problems.add(k + "env", "is required: the environment the check runs in");
    } else if (!chain.contains(c.env())) {
      problems.add(k + "env", "'" + c.env() + "' is not an environment of the chain " + chain);
    }
    if (!isHttpUrl(c.url())) {
      problems.add(
          k + "url",
          c.url() == null ? "is required" : "'" + c.url() + "' is not an absolute http(s) URL");
    }
    if (c.expectedStatus() < 100 || c.expectedStatus() > 599) {
      problems.add(
          k + "expected-status",
          "is " + c.expectedStatus() + " but must be an HTTP status (100-599)");
    }
    if (c.deadline().isNegative() || c.deadline().isZero()) {
      problems.add(k + "deadline", "must be positive (is " + c.deadline() + ")");
    }
  }

  private static boolean isHttpUrl(String url) {
    if (url == null) {
      return false;
    }
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
