package dev.baton.faults;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every fault test class stands on: the suite's one running Baton ({@link SharedBaton}), the
 * checks every scenario ends with ({@link Outcomes}), and a minute per scenario. A subclass adds
 * its faults and heals them after each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedBaton.class)
@Timeout(60)
abstract class FaultScenarios {
  BatonUnderFaults baton;
  Outcomes outcomes;

  @BeforeAll
  void start(BatonUnderFaults shared) {
    baton = shared;
    outcomes = new Outcomes(baton);
  }
}
