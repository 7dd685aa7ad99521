package dev.baton.fakes;

import dev.baton.pipeline.port.Chat;
import dev.baton.pipeline.port.PipelineEvent;
import java.util.ArrayList;
import java.util.List;

/** Keeps every event, in order. */
public final class RecordingChat implements Chat {
  private final List<PipelineEvent> events = new ArrayList<>();

  @Override
  public synchronized void publish(PipelineEvent event) {
    events.add(event);
  }

  public synchronized List<PipelineEvent> events() {
    return List.copyOf(events);
  }
}
