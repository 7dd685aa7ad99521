package dev.baton.pipeline.port;

/** A write lost to a concurrent one (duplicate key, stale version). The transaction rolls back. */
public class StoreConflict extends RuntimeException {
  public StoreConflict(String message) {
    super(message);
  }

  public StoreConflict(String message, Throwable cause) {
    super(message, cause);
  }
}
