package dev.baton.config;

import dev.baton.slack.SlackSettings;
import java.util.regex.Pattern;

/** The shapes of names and identifiers that configuration values must have. */
final class ConfigPatterns {
  /** Environment, app and workload names: also used in Slack commands and URLs. */
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  /** Slack user ({@code U…}, {@code W…}) and user-group ({@code S…}) IDs. */
  static final Pattern SLACK_PRINCIPAL = Pattern.compile("[UWS][A-Z0-9]{2,}");

  /** A Slack channel: {@code #name} or a channel ID ({@code C…}, {@code G…}). */
  static final Pattern SLACK_CHANNEL = Pattern.compile(SlackSettings.CHANNEL);

  /** An OCI image tag. */
  static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  /** A Kubernetes DNS-1123 label: namespaces and container names. */
  static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /** A Kubernetes DNS-1123 subdomain: Deployment and ServiceAccount names. */
  static final Pattern DNS_SUBDOMAIN =
      Pattern.compile(
          "(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** A POSIX environment variable name. */
  static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ConfigPatterns() {}

  static boolean matches(Pattern pattern, String value) {
    return value != null && pattern.matcher(value).matches();
  }
}
