package dev.baton.cluster;

import dev.baton.pipeline.port.PortException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Follows one named object with a watch, as {@code kubectl rollout status} does: every change
 * arrives as an event. When the watch drops, the object is read afresh and a new watch opened (a
 * change made while disconnected shows in that read); while the API server cannot be reached, the
 * last known state stands and reconnecting goes on, so that the caller's own deadline decides. A
 * watch that stays silent is also checked with a fresh read, as informers resync.
 */
final class ObjectFollower<T extends HasMetadata> implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ObjectFollower.class.getName());

  private final KubernetesCalls calls;
  private final ClusterTarget target;
  private final String resource;
  private final String name;
  private final Resource<T> handle;
  private final Duration reconnectPause;
  private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
  private Watch watch;
  private int epoch;
  private T current;
  private String disconnectedBecause;

  /** What a watch reported; {@code epoch} tells the signals of an abandoned watch apart. */
  private record Signal(int epoch, Object object, boolean deleted, String closedBecause) {}

  ObjectFollower(
      KubernetesCalls calls,
      ClusterTarget target,
      String resource,
      String name,
      Resource<T> handle,
      Duration reconnectPause) {
    this.calls = calls;
    this.target = target;
    this.resource = resource;
    this.name = name;
    this.handle = handle;
    this.reconnectPause = reconnectPause;
  }

  /**
   * Reads the object (null when absent). The watch is opened by the first {@link #next} and starts
   * at the resourceVersion read here, so no later change is missed, and a caller that is already
   * done after this read never opens one.
   */
  T start() {
    closeWatch();
    current = read();
    disconnectedBecause = null;
    return current;
  }

  /**
   * The object after its next change; or as read afresh when nothing arrived within {@code wait} or
   * the watch dropped; or the last known state while the API server cannot be reached. Null once
   * the object is deleted.
   */
  T next(Duration wait) throws InterruptedException {
    if (disconnectedBecause != null) {
      return reconnect();
    }
    if (watch == null) {
      try {
        open();
      } catch (PortException e) {
        return unreachable(e);
      }
    }
    Signal s;
    do {
      s = signals.poll(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
      if (s == null) {
        return resync();
      }
    } while (s.epoch() != epoch);
    if (s.closedBecause() != null) {
      LOG.log(
          Level.INFO,
          "watch of {0} {1} in {2} dropped ({3}); reading it again and re-watching",
          resource,
          name,
          target.where(),
          s.closedBecause());
      disconnectedBecause = "the watch dropped: " + s.closedBecause();
      return reconnect();
    }
    @SuppressWarnings("unchecked")
    T object = s.deleted() ? null : (T) s.object();
    current = object;
    return current;
  }

  /** Why the follower is not connected now, or null when its watch is open. */
  String disconnectedBecause() {
    return disconnectedBecause;
  }

  private T reconnect() throws InterruptedException {
    try {
      return start();
    } catch (PortException e) {
      return unreachable(e);
    }
  }

  /**
   * Keeps the last known state while the API server cannot be reached; the caller's bound rules.
   */
  private T unreachable(PortException e) throws InterruptedException {
    if (!e.retryable() || Thread.currentThread().isInterrupted()) {
      throw e;
    }
    closeWatch();
    disconnectedBecause = e.getMessage();
    LOG.log(Level.WARNING, "cannot follow {0} {1}: {2}", resource, name, e.getMessage());
    Thread.sleep(reconnectPause.toMillis());
    return current;
  }

  private T resync() {
    try {
      current = read();
    } catch (PortException e) {
      if (!e.retryable() || Thread.currentThread().isInterrupted()) {
        throw e;
      }
      disconnectedBecause = e.getMessage();
    }
    return current;
  }

  private T read() {
    return calls.call(target, ApiOperation.of("get", resource, name), handle::get);
  }

  private void open() {
    closeWatch();
    int mine = ++epoch;
    ListOptions from =
        new ListOptionsBuilder()
            .withResourceVersion(
                current == null ? null : current.getMetadata().getResourceVersion())
            .build();
    watch =
        calls.call(
            target,
            ApiOperation.of("watch", resource, name),
            () ->
                handle.watch(
                    from,
                    new Watcher<T>() {
                      @Override
                      public void eventReceived(Action action, T object) {
                        if (object != null && !name.equals(object.getMetadata().getName())) {
                          return;
                        }
                        switch (action) {
                          case ADDED, MODIFIED ->
                              signals.add(new Signal(mine, object, false, null));
                          case DELETED -> signals.add(new Signal(mine, null, true, null));
                          default -> {} // BOOKMARK, ERROR: nothing about the object itself
                        }
                      }

                      @Override
                      public void onClose(WatcherException cause) {
                        signals.add(new Signal(mine, null, false, KubernetesErrors.said(cause)));
                      }
                    }));
  }

  private void closeWatch() {
    if (watch != null) {
      try {
        watch.close();
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "closing a watch failed: {0}", e.getMessage());
      }
      watch = null;
    }
  }

  @Override
  public void close() {
    closeWatch();
  }
}
