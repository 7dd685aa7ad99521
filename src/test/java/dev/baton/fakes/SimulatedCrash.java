package dev.baton.fakes;

/** Thrown by a fake to simulate the process dying mid-step: nothing catches an Error. */
public final class SimulatedCrash extends Error {
  public SimulatedCrash(String where) {
    super("simulated crash at " + where, null, false, false);
  }
}
