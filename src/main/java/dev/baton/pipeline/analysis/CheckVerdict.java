package dev.baton.pipeline.analysis;

/** What one check concluded in one evaluation; {@link #text} is what the thread shows. */
public sealed interface CheckVerdict {
  String text();

  /** Every series satisfied the condition (or no series, with on-empty pass). */
  record Passed(String text) implements CheckVerdict {}

  /** A series broke the condition (or no series, with on-empty fail). */
  record Breached(String text) implements CheckVerdict {}

  /** No answer, or no series yet with on-empty wait: neither a pass nor a failure. */
  record Unknown(String text) implements CheckVerdict {}

  /** Prometheus refused the query: retrying cannot help. */
  record Broken(String text) implements CheckVerdict {}
}
