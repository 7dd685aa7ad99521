package dev.baton.fakes;

import dev.baton.pipeline.port.PortException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Failures a test injects into the fakes: the next call matching an operation name fails
 * terminally, fails retryably, crashes the "process", or hangs until released.
 */
public final class Faults {
  /** What happens to a matching call. */
  public enum Action {
    TERMINAL,
    RETRYABLE,
    CRASH,
    HANG
  }

  private record Rule(Predicate<String> matches, Action action, int[] remaining) {}

  private final List<Rule> rules = new ArrayList<>();
  private final List<String> calls = new ArrayList<>();
  private volatile CountDownLatch hang = new CountDownLatch(1);

  /** The next {@code times} calls whose operation starts with {@code prefix} get {@code action}. */
  public synchronized Faults inject(String prefix, Action action, int times) {
    rules.add(new Rule(op -> op.startsWith(prefix), action, new int[] {times}));
    return this;
  }

  public synchronized void clear() {
    rules.clear();
    release();
  }

  /** Lets every hanging call go on. */
  public void release() {
    hang.countDown();
    hang = new CountDownLatch(1);
  }

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** Called by the fakes at the start of each operation. */
  public void before(String operation) {
    Action action = null;
    synchronized (this) {
      calls.add(operation);
      for (Rule r : rules) {
        if (r.remaining()[0] > 0 && r.matches().test(operation)) {
          r.remaining()[0]--;
          action = r.action();
          break;
        }
      }
    }
    if (action == null) {
      return;
    }
    switch (action) {
      case TERMINAL -> throw PortException.terminal("injected failure in " + operation);
      case RETRYABLE -> throw PortException.retryable("injected transient failure in " + operation);
      case CRASH -> throw new SimulatedCrash(operation);
      case HANG -> {
        try {
          if (!hang.await(30, TimeUnit.SECONDS)) {
            throw PortException.retryable("timed out in " + operation);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw PortException.retryable("interrupted in " + operation);
        }
      }
    }
  }
}
