package dev.baton.pipeline.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * When promotions may start in an environment: inside any of its weekly windows (always, when it
 * has none) and outside every blackout.
 */
public record DeploymentSchedule(List<DeploymentWindow> windows, List<Blackout> blackouts) {
  /** No windows and no blackouts: always open. */
  public static final DeploymentSchedule ALWAYS = new DeploymentSchedule(List.of(), List.of());

  /** Bounds the walk over back-to-back blackouts, so a misconfiguration cannot spin. */
  private static final int MAX_STEPS = 1000;

  public DeploymentSchedule {
    windows = List.copyOf(windows);
    blackouts = List.copyOf(blackouts);
  }

  /** True when nothing restricts the environment. */
  public boolean unrestricted() {
    return windows.isEmpty() && blackouts.isEmpty();
  }

  public boolean inWindow(Instant t) {
    return windows.isEmpty() || windows.stream().anyMatch(w -> w.contains(t));
  }

  /** The blackout that holds {@code t}, the one ending last when several overlap. */
  public Optional<Blackout> blackoutAt(Instant t) {
    return blackouts.stream().filter(b -> b.contains(t)).max(Comparator.comparing(Blackout::end));
  }

  public boolean isOpen(Instant t) {
    return inWindow(t) && blackoutAt(t).isEmpty();
  }

  /**
   * The first instant at or after {@code t} at which the environment is open: {@code t} itself when
   * it is open; empty when no opening is found (blackouts without end in sight).
   */
  public Optional<Instant> nextOpening(Instant t) {
    Instant at = t;
    for (int i = 0; i < MAX_STEPS; i++) {
      Optional<Instant> window = nextWindowStart(at);
      if (window.isEmpty()) {
        return Optional.empty();
      }
      at = window.get();
      Optional<Blackout> blackout = blackoutAt(at);
      if (blackout.isEmpty()) {
        return Optional.of(at);
      }
      at = blackout.get().end();
    }
    return Optional.empty();
  }

  private Optional<Instant> nextWindowStart(Instant t) {
    if (windows.isEmpty()) {
      return Optional.of(t);
    }
    return windows.stream()
        .map(w -> w.nextStart(t))
        .flatMap(Optional::stream)
        .min(Comparator.naturalOrder());
  }

  /** "Mon–Thu 09:00–16:00 Europe/Berlin, Sat 10:00–12:00 UTC"; "any time" without windows. */
  public String describeWindows() {
    return windows.isEmpty()
        ? "any time"
        : windows.stream().map(DeploymentWindow::describe).collect(Collectors.joining(", "));
  }
}
