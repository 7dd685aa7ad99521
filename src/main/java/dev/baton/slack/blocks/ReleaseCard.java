package dev.baton.slack.blocks;

import dev.baton.pipeline.model.Release;
import java.util.List;

/** What the root message of a release's thread shows: the release and where it is. */
public record ReleaseCard(Release release, List<Mark> marks) {
  public ReleaseCard {
    marks = List.copyOf(marks);
  }

  /** The release's position in one environment. */
  public record Mark(String env, Status status) {}

  /** How far the release got in one environment, with its symbol on the pipeline line. */
  public enum Status {
    /** Never tried there. */
    NOT_YET("—"),
    /** A promotion is waiting for approvals. */
    AWAITING_APPROVAL("🕐"),
    /** Approved and waiting, or deploying. */
    IN_PROGRESS("⏳"),
    /** The environment runs it now. */
    DEPLOYED("✅"),
    /** It ran there and was replaced since. */
    REPLACED("☑️"),
    /** Its last promotion there failed. */
    FAILED("❌"),
    /** Its last promotion there was rejected, expired or cancelled. */
    STOPPED("⛔");

    private final String symbol;

    Status(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }
}
