package dev.baton.slack.listen;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;

/** Someone opened Baton's App Home: publish their board. */
public final class HomeOpenedListener implements BoltEventHandler<AppHomeOpenedEvent> {
  private final SlackWork work;

  public HomeOpenedListener(SlackWork work) {
    this.work = work;
  }

  @Override
  public Response apply(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext ctx) {
    AppHomeOpenedEvent e = payload.getEvent();
    if (e != null && e.getUser() != null && (e.getTab() == null || "home".equals(e.getTab()))) {
      // refused for load: the board is published again at the next open or refresh
      work.later("event", () -> work.homes().opened(e.getUser()));
    }
    return ctx.ack();
  }
}
