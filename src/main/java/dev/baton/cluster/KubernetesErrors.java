package dev.baton.cluster;

import dev.baton.pipeline.port.PortException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The one place that decides what a Kubernetes API error means for Baton: whether trying again can
 * help, and what a person on call must do when it cannot.
 */
final class KubernetesErrors {
  private static final int MAX_QUOTE = 300;

  private KubernetesErrors() {}

  /** How Baton reacts to an API error. */
  enum Kind {
    /** 409: the object changed since it was read; re-read and try again. */
    CONFLICT,
    /** 5xx, 429, 408, or no HTTP answer at all (network, timeout): retry with backoff. */
    TRANSIENT,
    /** The calling thread was interrupted (Baton is stopping): give up at once, quietly. */
    INTERRUPTED,
    /** 401: the credentials are not accepted. */
    UNAUTHORIZED,
    /** 403: RBAC does not allow the verb. */
    FORBIDDEN,
    /** 404: the object (or its namespace) does not exist. */
    NOT_FOUND,
    /** Any other 4xx: the request itself was refused (invalid object, bad patch). */
    REFUSED
  }

  static Kind classify(KubernetesClientException e) {
    if (Thread.currentThread().isInterrupted() || causedBy(e, InterruptedException.class)) {
      return Kind.INTERRUPTED;
    }
    int code = e.getCode();
    return switch (code) {
      case 401 -> Kind.UNAUTHORIZED;
      case 403 -> Kind.FORBIDDEN;
      case 404 -> Kind.NOT_FOUND;
      case 409 -> Kind.CONFLICT;
      case 408, 429 -> Kind.TRANSIENT;
      default -> code >= 500 || code <= 0 ? Kind.TRANSIENT : Kind.REFUSED;
    };
  }

  /** The error as people should read it, after {@code attempts} attempts. */
  static PortException translate(
      KubernetesClientException e, ClusterTarget target, ApiOperation op, int attempts) {
    Kind kind = classify(e);
    String said = said(e);
    String what = op.describe() + " in " + target.where();
    return switch (kind) {
      case FORBIDDEN ->
          new PortException(
              "Baton may not "
                  + op.verb()
                  + " "
                  + op.resource()
                  + " in namespace "
                  + target.namespace()
                  + " (environment "
                  + target.env()
                  + "): grant it the Role in deploy/kubernetes/rbac"
                  + " (see docs/kubernetes.md). Kubernetes said: "
                  + said,
              false,
              e);
      case UNAUTHORIZED ->
          new PortException(
              "the Kubernetes API of environment "
                  + target.env()
                  + " did not accept Baton's credentials ("
                  + what
                  + "): renew the token or the kubeconfig's credentials. Kubernetes said: "
                  + said,
              false,
              e);
      case NOT_FOUND ->
          new PortException(
              "cannot "
                  + what
                  + ": it does not exist. Check the name in Baton's configuration and "
                  + "baton.environments."
                  + target.env()
                  + ".cluster.namespace",
              false,
              e);
      case REFUSED -> new PortException("Kubernetes refused to " + what + ": " + said, false, e);
      case CONFLICT ->
          new PortException(
              "cannot "
                  + what
                  + ": it kept changing while Baton updated it ("
                  + attempts
                  + " conflicts); someone else is editing it",
              true,
              e);
      case INTERRUPTED -> interrupted(what);
      case TRANSIENT ->
          new PortException(
              "the Kubernetes API of environment "
                  + target.env()
                  + " failed "
                  + attempts
                  + (attempts == 1 ? " time" : " times")
                  + " to "
                  + what
                  + ": "
                  + said,
              true,
              e);
    };
  }

  /** The calling thread was interrupted: Baton is stopping; the step resumes after a restart. */
  static PortException interrupted(String what) {
    Thread.currentThread().interrupt();
    return new PortException(
        "interrupted while trying to " + what + " (Baton is stopping; it resumes on restart)",
        true,
        null);
  }

  /** The API server's own message, or the network error's. */
  static String said(Throwable e) {
    if (e instanceof KubernetesClientException k
        && k.getStatus() != null
        && k.getStatus().getMessage() != null) {
      return quote(k.getStatus().getMessage());
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    return quote(root.getClass().getSimpleName() + message);
  }

  private static String quote(String s) {
    String line = s.replace('\n', ' ').strip();
    return line.length() <= MAX_QUOTE ? line : line.substring(0, MAX_QUOTE) + "…";
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
