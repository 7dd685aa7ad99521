package dev.baton.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;

/**
 * The thread of a fake controller: runs one round every {@code interval} until closed. A Kubernetes
 * error in a round (the mock went away at the end of a test, or a write raced) waits for the next.
 */
final class ControllerLoop implements AutoCloseable {
  private final Thread thread;
  private volatile boolean stop;

  ControllerLoop(String name, Duration interval, Runnable round) {
    thread =
        new Thread(
            () -> {
              while (!stop) {
                try {
                  Thread.sleep(interval.toMillis());
                  round.run();
                } catch (InterruptedException e) {
                  return;
                } catch (KubernetesClientException e) {
                  // try again next round
                }
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.interrupt();
    thread.join(2000);
  }
}
