package dev.baton.pipeline.model;

import static dev.baton.pipeline.model.PromotionState.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The one table of allowed promotion state changes. Anything not listed here is refused. */
public final class Transitions {
  private static final Map<PromotionState, Set<PromotionState>> ALLOWED =
      new EnumMap<>(PromotionState.class);

  static {
    ALLOWED.put(PENDING_APPROVAL, EnumSet.of(APPROVED, REJECTED, EXPIRED, CANCELLED));
    ALLOWED.put(APPROVED, EnumSet.of(RUNNING, REJECTED, CANCELLED));
    ALLOWED.put(RUNNING, EnumSet.of(SUCCEEDED, FAILED, ROLLED_BACK));
    for (PromotionState s : PromotionState.values()) {
      if (s.terminal()) {
        ALLOWED.put(s, EnumSet.noneOf(PromotionState.class));
      }
    }
  }

  private Transitions() {}

  public static boolean allowed(PromotionState from, PromotionState to) {
    return ALLOWED.get(from).contains(to);
  }

  /** Throws {@link IllegalStateException} for a move the table does not allow. */
  public static void require(PromotionState from, PromotionState to) {
    if (!allowed(from, to)) {
      throw new IllegalStateException("promotion cannot move from " + from + " to " + to);
    }
  }

  public static Set<PromotionState> from(PromotionState state) {
    return EnumSet.copyOf(
        ALLOWED.get(state).isEmpty() ? EnumSet.noneOf(PromotionState.class) : ALLOWED.get(state));
  }
}
