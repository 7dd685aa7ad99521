package dev.baton.slack.commands;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/**
 * A command's answer.
 *
 * @param inChannel everyone in the channel sees it; otherwise only the person who asked
 */
public record Reply(String text, List<LayoutBlock> blocks, boolean inChannel) {
  public Reply {
    blocks = blocks == null ? List.of() : List.copyOf(blocks);
  }

  public static Reply ephemeral(String text) {
    return new Reply(text, List.of(), false);
  }
}
