package dev.baton.pipeline.port;

import dev.baton.pipeline.model.AuditEvent;
import java.util.List;
import java.util.function.Function;

/**
 * Persistent state of the pipeline. Every state change and its audit event are written by one
 * {@link #write} call, so they commit or roll back together.
 */
public interface PipelineStore {
  /** Runs {@code work} in one serialised writing transaction; rolls back if it throws. */
  <T> T write(Function<StoreTx, T> work);

  /** Runs {@code work} against committed state. */
  <T> T read(Function<StoreReads, T> work);

  /** Audit rows matching the query, newest first. */
  List<AuditEvent> audit(AuditQuery query);

  /** Audit rows with {@code seq >= fromSeq}, oldest first, at most {@code limit}. */
  List<AuditEvent> auditFrom(long fromSeq, int limit);
}
