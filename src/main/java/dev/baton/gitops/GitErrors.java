package dev.baton.gitops;

import dev.baton.pipeline.port.PortException;
import java.util.Locale;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/** The one place that decides which Git failures are terminal and which may pass. */
final class GitErrors {
  private GitErrors() {}

  static PortException translate(String url, GitAPIException e) {
    String m =
        withoutUrl(url, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    String lower = m.toLowerCase(Locale.ROOT);
    // JGit's SSH client: the host key is not in known_hosts (or differs from it) — retrying
    // cannot help, and the operator must check the server before trusting it
    if (lower.contains("server key did not validate")) {
      return new PortException(
          "Git server " + url + " offered a host key not in the known-hosts file: " + m, false, e);
    }
    if (lower.contains("not authorized")
        || lower.contains("cannot log in")
        || lower.contains("authentication")
        || lower.contains("auth fail")
        || lower.contains("401")
        || lower.contains("403")) {
      return new PortException("Git refused the credentials for " + url + ": " + m, false, e);
    }
    if (lower.contains("remote branch") && lower.contains("not found")) {
      return new PortException(url + ": " + m, false, e);
    }
    if (e instanceof InvalidRemoteException) {
      return new PortException("not a Git repository: " + url + ": " + m, false, e);
    }
    if (e instanceof TransportException) {
      return new PortException("Git server " + url + " unreachable: " + m, true, e);
    }
    return new PortException("Git: " + m, true, e);
  }

  /** JGit's messages start with the URL, which Baton's own text names already. */
  private static String withoutUrl(String url, String m) {
    String prefix = url + ": ";
    return m.startsWith(prefix) && m.length() > prefix.length() ? m.substring(prefix.length()) : m;
  }

  /** What the server said when it refused the update (a hook's output when one refused it). */
  static String hookText(RemoteRefUpdate u, PushResult result) {
    String messages = result.getMessages() == null ? "" : result.getMessages().strip();
    String status = u.getMessage() == null ? u.getStatus().name() : u.getMessage();
    return messages.isEmpty() ? status : status + " — " + messages.replace('\n', ' ');
  }
}
