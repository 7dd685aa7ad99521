package dev.baton.pipeline;

/** Another runner holds the lane's lease: stop quietly, it carries on. */
final class LeaseLost extends RuntimeException {
  LeaseLost() {
    super("lease lost", null, false, false);
  }
}
