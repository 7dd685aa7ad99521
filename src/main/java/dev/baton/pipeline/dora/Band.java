package dev.baton.pipeline.dora;

/** DORA performance level of one figure (thresholds in {@link Bands}). */
public enum Band {
  ELITE,
  HIGH,
  MEDIUM,
  LOW
}
