package dev.baton.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.port.PortException;
import org.eclipse.jgit.api.errors.TransportException;
import org.junit.jupiter.api.Test;

/** How JGit's SSH failures are classified: the messages are those of its Apache MINA client. */
class GitErrorsTest {
  static final String URL = "ssh://git@git.example.com/deploy.git";

  @Test
  void aHostKeyNotInKnownHostsIsTerminalAndSaysSo() {
    PortException e =
        GitErrors.translate(URL, new TransportException(URL + ": Server key did not validate"));

    assertThat(e.retryable()).isFalse();
    assertThat(e).hasMessageStartingWith("Git server " + URL + " offered a host key not in the");
  }

  @Test
  void aKeyTheServerRefusesIsARefusedCredentialNotAnOutage() {
    PortException e =
        GitErrors.translate(
            URL, new TransportException(URL + ": Cannot log in at git.example.com:22"));

    assertThat(e.retryable()).isFalse();
    assertThat(e)
        .hasMessage(
            "Git refused the credentials for " + URL + ": Cannot log in at git.example.com:22");
  }

  @Test
  void aServerThatDoesNotAnswerStaysRetryable() {
    PortException e =
        GitErrors.translate(URL, new TransportException(URL + ": Connection refused"));

    assertThat(e.retryable()).isTrue();
  }
}
