package dev.baton.slack.notify;

import dev.baton.pipeline.model.Step;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest live progress of each running step ("main-app: 1/2 updated, 1/2 available"). The core
 * reports it in events only, so it lives in memory: after a restart a message shows the step's last
 * persisted state until the next progress report.
 */
public final class ProgressBoard {
  private record Progress(Step step, String text) {}

  private final Map<String, Progress> latest = new ConcurrentHashMap<>();

  public void report(String promotionId, Step step, String text) {
    if (text == null || text.isBlank() || "started".equals(text)) {
      latest.remove(promotionId);
      return;
    }
    latest.put(promotionId, new Progress(step, text));
  }

  /** The progress of {@code step}, or null when none was reported for that step. */
  public String of(String promotionId, Step step) {
    Progress p = latest.get(promotionId);
    return p != null && p.step() == step ? p.text() : null;
  }

  public void forget(String promotionId) {
    latest.remove(promotionId);
  }
}
