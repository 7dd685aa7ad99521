package dev.baton.cluster;

import dev.baton.testing.InjectedFaults;
import dev.baton.testing.InjectedFaults.Fault;
import dev.baton.testing.InjectedFaults.FaultKind;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 between Baton and the mock API server, so that a test can cut every
 * connection (watches included) the way a network failure or an API server restart does.
 *
 * <p>It also reads the HTTP/1.1 requests passing through, so that a test can inject a fault into
 * chosen ones ({@link #inject}): an error status, a request never answered, or a response cut off
 * half-way. A connection upgraded to a WebSocket (a watch) is passed through as bytes.
 */
public final class TcpProxy implements AutoCloseable {
  private static final Duration HANG = Duration.ofSeconds(4);

  private final ServerSocket listener;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final InjectedFaults faults = new InjectedFaults();
  private final List<Seen> requests = new ArrayList<>();

  /** A request line as it passed, and when. */
  public record Seen(long atMillis, String line) {}

  private volatile boolean refusing;
  private volatile long responseDelayMillis;

  public TcpProxy(int targetPort) {
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

  public int port() {
    return listener.getLocalPort();
  }

  /** Connections accepted so far. */
  public int accepted() {
    return accepted.get();
  }

  /** Cuts every open connection; while {@code refuse} holds, new ones are cut at once too. */
  public void cutAll(boolean refuse) {
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
  public void delayResponses(Duration delay) {
    responseDelayMillis = delay.toMillis();
  }

  /** Accepts new connections again after {@code cutAll(true)}. */
  public void acceptAgain() {
    refusing = false;
  }

  /**
   * The next {@code times} requests of {@code method} (null: any) whose request line contains
   * {@code pathPart} (null: any; {@code "…/main-app "} with its space matches that path only) meet
   * {@code kind}; {@link Integer#MAX_VALUE} times lasts until {@link #heal()}. {@code status} and
   * {@code retryAfter} apply to {@link FaultKind#STATUS}.
   */
  public void inject(
      FaultKind kind, int status, String retryAfter, String method, String pathPart, int times) {
    faults.add(kind, status, retryAfter, method, pathPart, times);
  }

  /** Removes every injected fault. */
  public void heal() {
    faults.clear();
  }

  /** Requests seen so far ({@code PATCH /apis/apps/v1/… HTTP/1.1}), oldest first. */
  public synchronized List<Seen> requests() {
    return List.copyOf(requests);
  }

  private Fault take(String requestLine) {
    synchronized (this) {
      requests.add(new Seen(System.currentTimeMillis(), requestLine));
    }
    return faults.take(requestLine.split(" ")[0], requestLine);
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
        start(() -> requests(client, server));
        start(() -> pump(server, client));
      } catch (IOException e) {
        // listener closed, or the target refused: the client sees a cut connection
      }
    }
  }

  /** Client to server, request by request, until a fault ends the connection or it upgrades. */
  private void requests(Socket client, Socket server) {
    try (InputStream in = new BufferedInputStream(client.getInputStream());
        OutputStream out = server.getOutputStream()) {
      while (true) {
        byte[] head = readHead(in);
        if (head == null) {
          return;
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        byte[] body = readBody(in, text);
        Fault fault = take(text.substring(0, text.indexOf("\r\n")));
        if (fault != null) {
          act(fault, client, head, body);
          return;
        }
        out.write(head);
        out.write(body);
        out.flush();
        if (header(text, "upgrade") != null) {
          in.transferTo(out); // a WebSocket now: frames, not requests
          return;
        }
      }
    } catch (IOException e) {
      // cut
    } finally {
      closeQuietly(client);
      closeQuietly(server);
    }
  }

  private void act(Fault fault, Socket client, byte[] head, byte[] body) throws IOException {
    switch (fault.kind()) {
      case HANG -> sleep(HANG);
      case STATUS -> {
        byte[] json =
            ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
                    + "\"injected failure\",\"code\":"
                    + fault.status()
                    + (fault.retryAfter() == null
                        ? ""
                        : ",\"details\":{\"retryAfterSeconds\":" + fault.retryAfter() + "}")
                    + "}")
                .getBytes(StandardCharsets.UTF_8);
        String answer =
            "HTTP/1.1 "
                + fault.status()
                + " Injected\r\nContent-Type: application/json\r\nContent-Length: "
                + json.length
                + "\r\n"
                + (fault.retryAfter() == null ? "" : "Retry-After: " + fault.retryAfter() + "\r\n")
                + "Connection: close\r\n\r\n";
        OutputStream out = client.getOutputStream();
        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
        out.write(json);
        out.flush();
      }
      case BREAK -> breakHalfWay(client, head, body);
    }
  }

  /** Sends the request on a connection of its own and passes on only half of the answer. */
  private void breakHalfWay(Socket client, byte[] head, byte[] body) throws IOException {
    try (Socket upstream = new Socket(InetAddress.getByName("127.0.0.1"), targetPort)) {
      upstream.getOutputStream().write(head);
      upstream.getOutputStream().write(body);
      upstream.getOutputStream().flush();
      InputStream in = new BufferedInputStream(upstream.getInputStream());
      byte[] answerHead = readHead(in);
      if (answerHead == null) {
        return;
      }
      String text = new String(answerHead, StandardCharsets.ISO_8859_1);
      String length = header(text, "content-length");
      int half = length == null ? 16 : Integer.parseInt(length) / 2;
      OutputStream out = client.getOutputStream();
      out.write(answerHead);
      out.write(in.readNBytes(half));
      out.flush();
    }
  }

  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toByteArray();
  }

  /** The body as sent: by Content-Length, or chunked (passed on with its chunk framing). */
  private static byte[] readBody(InputStream in, String head) throws IOException {
    String length = header(head, "content-length");
    if (length != null) {
      return in.readNBytes(Integer.parseInt(length));
    }
    String encoding = header(head, "transfer-encoding");
    if (encoding == null || !encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      return new byte[0];
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line(in);
      body.writeBytes((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
      if (size == 0) {
        String trailer;
        do {
          trailer = line(in);
          body.writeBytes((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        } while (!trailer.isEmpty());
        return body.toByteArray();
      }
      body.writeBytes(in.readNBytes(size + 2));
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  private static String header(String head, String name) {
    for (String l : head.split("\r\n")) {
      int colon = l.indexOf(':');
      if (colon > 0 && l.substring(0, colon).strip().equalsIgnoreCase(name)) {
        return l.substring(colon + 1).strip();
      }
    }
    return null;
  }

  /** Server to client: answers, each chunk held back by the response delay when one is set. */
  private void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      byte[] buffer = new byte[16 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        long delay = responseDelayMillis;
        if (delay > 0) {
          sleep(Duration.ofMillis(delay));
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // cut
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void start(Runnable r) {
    Thread t = new Thread(r, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
