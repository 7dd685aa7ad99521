package dev.baton.slack.blocks;

import dev.baton.pipeline.PipelineQueries;
import dev.baton.pipeline.model.Promotion;
import java.time.Instant;
import java.util.List;

/**
 * What the App Home shows: every app across the chain and the promotions waiting for approval.
 *
 * @param notice a line shown on top (the answer to a button clicked on the board), or null
 */
public record HomeBoard(
    List<PipelineQueries.AppState> apps,
    List<Pending> pending,
    List<String> chain,
    String notice,
    Instant now) {
  public HomeBoard {
    apps = List.copyOf(apps);
    pending = List.copyOf(pending);
    chain = List.copyOf(chain);
  }

  /** A promotion waiting for approval, with its approvals so far. */
  public record Pending(Promotion promotion, int approvals, int required, boolean lastEnv) {}
}
