package dev.baton.pipeline;

import static dev.baton.pipeline.model.PromotionState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Transitions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransitionsTest {
  /** The expected table, written out independently of the implementation. */
  private static final Set<String> EXPECTED =
      Set.of(
          "PENDING_APPROVAL>APPROVED",
          "PENDING_APPROVAL>REJECTED",
          "PENDING_APPROVAL>EXPIRED",
          "PENDING_APPROVAL>CANCELLED",
          "APPROVED>RUNNING",
          "APPROVED>REJECTED",
          "APPROVED>CANCELLED",
          "RUNNING>SUCCEEDED",
          "RUNNING>FAILED",
          "RUNNING>ROLLED_BACK");

  static Stream<Arguments> everyPair() {
    List<Arguments> pairs = new ArrayList<>();
    for (PromotionState from : PromotionState.values()) {
      for (PromotionState to : PromotionState.values()) {
        pairs.add(Arguments.of(from, to, EXPECTED.contains(from + ">" + to)));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} → {1} allowed: {2}")
  @MethodSource("everyPair")
  void theTableAllowsExactlyTheListedMoves(
      PromotionState from, PromotionState to, boolean allowed) {
    assertThat(Transitions.allowed(from, to)).isEqualTo(allowed);
    if (allowed) {
      Transitions.require(from, to);
    } else {
      assertThatThrownBy(() -> Transitions.require(from, to))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(from.name())
          .hasMessageContaining(to.name());
    }
  }

  @ParameterizedTest
  @MethodSource("terminalStates")
  void nothingLeavesATerminalState(PromotionState terminal) {
    assertThat(terminal.terminal()).isTrue();
    assertThat(Transitions.from(terminal)).isEmpty();
  }

  static Stream<PromotionState> terminalStates() {
    return Stream.of(SUCCEEDED, REJECTED, EXPIRED, CANCELLED, FAILED, ROLLED_BACK);
  }
}
