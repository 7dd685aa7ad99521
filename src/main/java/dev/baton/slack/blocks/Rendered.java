package dev.baton.slack.blocks;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A message ready to send: the plain-text fallback and the blocks. */
public record Rendered(String text, List<LayoutBlock> blocks) {
  public Rendered {
    text = Text.clip(text, Text.FALLBACK);
    blocks = List.copyOf(blocks);
  }

  /** The blocks as Slack receives them. */
  public String blocksJson() {
    return GsonFactory.createSnakeCase().toJson(blocks);
  }

  /** SHA-256 of what would be sent: the same content is never sent twice. */
  public String hash() {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest((text + "\n" + blocksJson()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
