package dev.baton.slack.socket;

import dev.baton.slack.SlackConfigured;
import dev.baton.slack.SlackSettings;
import dev.baton.slack.SlackTuning;
import dev.baton.slack.listen.SlackApp;
import dev.baton.slack.web.SlackCallFailed;
import dev.baton.slack.web.SlackWeb;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode: with an app-level token, Baton keeps one WebSocket to Slack open for as long as it
 * runs and serves the very same listeners over it; no public URL is needed.
 *
 * <p>One thread owns the link. It opens a connection ({@code apps.connections.open}, once per
 * connection) when there is none, when Slack asks with {@code disconnect} (the new one is opened
 * before the old one is closed) and whenever one is lost, for whatever reason and however often: a
 * failed or rate-limited open, a refused handshake, no {@code hello}, an abrupt close. Attempts
 * back off from one second to {@code baton.slack.socket-mode-retry} with jitter, never below a
 * {@code Retry-After}; each attempt and each recovery is logged once. The link counts as up only
 * from Slack's {@code hello}.
 */
@Context
@Requires(condition = SlackConfigured.class)
public class SocketModeRunner implements SocketModeSession.Events {
  private static final Logger LOG = LoggerFactory.getLogger(SocketModeRunner.class);

  /** How long a new connection may take to say hello. */
  private static final Duration HELLO_WITHIN = Duration.ofSeconds(10);

  private final SlackSettings settings;
  private final SlackWeb web;
  private final SlackApp app;
  private final Clock clock;
  private final Backoff backoff;
  private final LinkedBlockingQueue<String> needed = new LinkedBlockingQueue<>();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile SocketModeStatus status;
  private volatile SocketModeSession current;
  private volatile boolean stopped;
  private ExecutorService envelopeThreads;
  private Envelopes envelopes;
  private Thread owner;

  public SocketModeRunner(
      SlackSettings settings, SlackTuning tuning, SlackWeb web, SlackApp app, Clock clock) {
    this.settings = settings;
    this.web = web;
    this.app = app;
    this.clock = clock;
    this.backoff = new Backoff(tuning.socketModeRetry());
    this.status = SocketModeStatus.starting(clock.instant());
  }

  @PostConstruct
  void start() {
    if (!settings.socketMode()) {
      return;
    }
    AtomicInteger n = new AtomicInteger();
    envelopeThreads =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "baton-slack-envelope-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    envelopes = new Envelopes(app.app(), envelopeThreads);
    needed.add("starting");
    owner = new Thread(this::keepConnected, "baton-slack-socket-mode");
    owner.setDaemon(true);
    owner.start();
  }

  /** Whether Socket Mode is configured at all. */
  public boolean enabled() {
    return settings.socketMode();
  }

  /** The link as it is now. */
  public SocketModeStatus status() {
    return status;
  }

  private void keepConnected() {
    try {
      while (!stopped) {
        String why = needed.take();
        needed.clear();
        connect(why);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Tries until a connection says hello, then retires the one it replaces. */
  private void connect(String why) throws InterruptedException {
    Instant downSince = clock.instant();
    long startNanos = System.nanoTime();
    for (int failures = 0; !stopped; ) {
      Duration asked = null;
      String problem;
      try {
        SocketModeSession s = open();
        if (s != null) {
          SocketModeSession old = current;
          needed.clear(); // what the retired connection says from now on is moot
          current = s;
          if (!s.isOpen()) {
            needed.add("closed right after its hello"); // its close was not yet ours to see
          }
          up(s, why, failures, Duration.ofNanos(System.nanoTime() - startNanos));
          if (old != null && old != s) {
            old.close();
          }
          return;
        }
        problem = "no hello within " + HELLO_WITHIN.toSeconds() + " s";
      } catch (SlackCallFailed e) {
        problem = "apps.connections.open: " + e.error();
        asked = e.retryAfter();
      } catch (HandshakeRefused e) {
        problem = e.getMessage();
      } catch (RuntimeException e) {
        problem = e.toString(); // never let the thread that owns the link die
      }
      failures++;
      Duration pause = backoff.pause(failures, asked);
      SocketModeSession serving = current;
      if (serving == null || !serving.isOpen()) {
        // Still served by the connection being replaced, the link is up; otherwise it is not.
        status =
            new SocketModeStatus(
                false, status.connected() ? downSince : status.since(), problem, failures);
      }
      LOG.warn(
          "Slack: Socket Mode connection attempt {} failed ({}); trying again in {} ms",
          failures,
          problem,
          pause.toMillis());
      Thread.sleep(pause.toMillis());
    }
  }

  /** One connection: the open call, the handshake, the hello. Null when no hello came in time. */
  private SocketModeSession open() throws InterruptedException, HandshakeRefused {
    String url = web.openSocketModeConnection(settings.appToken());
    SocketModeSession s;
    try {
      s = new SocketModeSession(new URI(url), connections.incrementAndGet(), this);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new HandshakeRefused("apps.connections.open gave an unusable URL");
    }
    if (!s.connectBlocking(HELLO_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
      s.close();
      throw new HandshakeRefused("the WebSocket handshake failed");
    }
    if (!s.awaitHello(HELLO_WITHIN.toMillis())) {
      s.close();
      return null;
    }
    return s;
  }

  private void up(SocketModeSession s, String why, int failures, Duration took) {
    status = new SocketModeStatus(true, clock.instant(), null, 0);
    if (s.number() == 1) {
      LOG.info("Slack: connected over Socket Mode");
    } else {
      LOG.info(
          "Slack: Socket Mode connected again (connection {}, after {}; {} ms, {} failed"
              + " attempts)",
          s.number(),
          why,
          took.toMillis(),
          failures);
    }
  }

  @Override
  public void disconnectAsked(SocketModeSession session, String reason) {
    if (session == current) {
      LOG.info("Slack: Socket Mode asked to reconnect ({})", reason);
      needed.add("Slack asked to reconnect: " + reason);
    }
  }

  @Override
  public void envelope(SocketModeSession session, String envelopeId, String message) {
    envelopes.handle(session, envelopeId, message);
  }

  @Override
  public void closed(SocketModeSession session, int code, String reason) {
    if (session != current || stopped) {
      return; // a retired connection, or one that never said hello: the connecting thread knows
    }
    String what =
        "connection closed ("
            + code
            + (reason == null || reason.isBlank() ? "" : " " + reason)
            + ")";
    status = new SocketModeStatus(false, clock.instant(), what, 0);
    LOG.warn("Slack: Socket Mode {}; connecting again", what);
    needed.add(what);
  }

  @PreDestroy
  void stop() {
    stopped = true;
    if (owner != null) {
      owner.interrupt();
    }
    SocketModeSession s = current;
    if (s != null) {
      s.close();
    }
    if (envelopeThreads != null) {
      envelopeThreads.shutdown();
    }
  }

  /** A WebSocket that could not be opened. */
  private static final class HandshakeRefused extends Exception {
    HandshakeRefused(String message) {
      super(message, null, false, false);
    }
  }
}
