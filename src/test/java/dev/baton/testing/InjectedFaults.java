package dev.baton.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The faults a test's proxy has been told to inject between Baton and a neighbour, and which one a
 * request meets: the first that matches its method and path, counted down, gone when used up.
 */
public final class InjectedFaults {
  /** What an injected fault does to a request. */
  public enum FaultKind {
    /** The proxy answers the status itself (with Retry-After when given). */
    STATUS,
    /** The request is never answered; the connection closes long after the client gave up. */
    HANG,
    /** The request is passed on; the answer's headers and half its body arrive, then a close. */
    BREAK
  }

  /** What a request meets; {@code status} and {@code retryAfter} apply to {@code STATUS}. */
  public record Fault(FaultKind kind, int status, String retryAfter) {}

  private static final class Entry {
    final Fault fault;
    final String method;
    final String pathPart;
    int times;

    Entry(Fault fault, String method, String pathPart, int times) {
      this.fault = fault;
      this.method = method;
      this.pathPart = pathPart;
      this.times = times;
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  /**
   * The next {@code times} requests of {@code method} (null: any) whose {@code target} contains
   * {@code pathPart} (null: any) meet {@code kind}; {@link Integer#MAX_VALUE} times lasts until
   * {@link #clear()}.
   */
  public synchronized void add(
      FaultKind kind, int status, String retryAfter, String method, String pathPart, int times) {
    entries.add(new Entry(new Fault(kind, status, retryAfter), method, pathPart, times));
  }

  public synchronized void clear() {
    entries.clear();
  }

  /**
   * The fault a request meets, or null; {@code target} is what {@code pathPart} is looked for in
   * (its path, or its whole request line).
   */
  public synchronized Fault take(String method, String target) {
    for (Entry e : entries) {
      if ((e.method == null || e.method.equals(method))
          && (e.pathPart == null || target.contains(e.pathPart))) {
        if (e.times != Integer.MAX_VALUE && --e.times <= 0) {
          entries.remove(e);
        }
        return e.fault;
      }
    }
    return null;
  }
}
