package dev.baton.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 between Baton and the mock API server, so that a test can cut every
 * connection (watches included) the way a network failure or an API server restart does.
 */
final class TcpProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile boolean refusing;
  private volatile long responseDelayMillis;

  TcpProxy(int targetPort) {
    this.targetPort = targetPort;
    try {
      this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread t = new Thread(this::accept, "tcp-proxy");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Connections accepted so far. */
  int accepted() {
    return accepted.get();
  }

  /** Cuts every open connection; while {@code refuse} holds, new ones are cut at once too. */
  void cutAll(boolean refuse) {
    refusing = refuse;
    for (Socket s : open) {
      closeQuietly(s);
    }
    open.clear();
  }

  /**
   * Holds every chunk the target sends back for {@code delay} before passing it on: requests reach
   * the target (and take effect) at once, their answers arrive late.
   */
  void delayResponses(Duration delay) {
    responseDelayMillis = delay.toMillis();
  }

  /** Accepts new connections again after {@code cutAll(true)}. */
  void acceptAgain() {
    refusing = false;
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (refusing) {
          closeQuietly(client);
          continue;
        }
        accepted.incrementAndGet();
        Socket server = new Socket(InetAddress.getByName("127.0.0.1"), targetPort);
        open.add(client);
        open.add(server);
        pump(client, server, false);
        pump(server, client, true);
      } catch (IOException e) {
        // listener closed, or the target refused: the client sees a cut connection
      }
    }
  }

  private void pump(Socket from, Socket to, boolean responses) {
    Thread t =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[16 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  long delay = responseDelayMillis;
                  if (responses && delay > 0) {
                    Thread.sleep(delay);
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // cut
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    cutAll(true);
    try {
      listener.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
