package dev.baton.slack.listen;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppMentionEvent;
import dev.baton.slack.commands.CommandBook;
import dev.baton.slack.commands.Reply;
import dev.baton.slack.commands.UsageError;
import dev.baton.slack.commands.Words;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code @Baton audit prod}: the same commands as the slash commands, answered in a thread under
 * the mention; wrong input and refusals are answered to the asker only. Events the Events API
 * delivers again (a retry after a slow acknowledgement) are answered once.
 */
public final class MentionListener implements BoltEventHandler<AppMentionEvent> {
  private static final int REMEMBERED = 1000;

  private final SlackWork work;
  private final Set<String> seen =
      Collections.newSetFromMap(
          Collections.synchronizedMap(
              new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > REMEMBERED;
                }
              }));

  public MentionListener(SlackWork work) {
    this.work = work;
  }

  @Override
  public Response apply(EventsApiPayload<AppMentionEvent> payload, EventContext ctx) {
    AppMentionEvent e = payload.getEvent();
    if (e == null || e.getUser() == null || e.getBotId() != null) {
      return ctx.ack();
    }
    if (payload.getEventId() != null && !seen.add(payload.getEventId())) {
      return ctx.ack();
    }
    String thread = e.getThreadTs() != null ? e.getThreadTs() : e.getTs();
    List<String> words = Words.split(e.getText());
    // Drop the leading mentions (of Baton, and of anyone addressed with it).
    while (!words.isEmpty() && words.get(0).startsWith("<@")) {
      words = words.subList(1, words.size());
    }
    String name = words.isEmpty() ? "baton" : words.get(0).replaceFirst("^/", "");
    String text = words.size() <= 1 ? "" : String.join(" ", words.subList(1, words.size()));
    if (name.equals("status") || name.equals("help") || name.equals("windows")) {
      text = name + (text.isEmpty() ? "" : " " + text);
      name = "baton";
    }
    String command = name;
    String rest = text;
    if (!work.later("mention", () -> answer(e, thread, command, rest))) {
      work.overload()
          .answer(
              () ->
                  work.replies()
                      .ephemeral(e.getChannel(), e.getUser(), thread, SlackOverload.BUSY));
    }
    return ctx.ack();
  }

  private void answer(AppMentionEvent e, String thread, String name, String text) {
    CommandBook.Prepared<?> prepared;
    try {
      prepared = work.commands().prepare(name, text, work.clock().instant());
    } catch (UsageError u) {
      work.replies().ephemeral(e.getChannel(), e.getUser(), thread, u.getMessage());
      return;
    }
    Reply r =
        prepared.immediate() != null
            ? prepared.immediate()
            : work.commands().run(prepared, e.getUser());
    if (r.inChannel() || name.equals("baton")) {
      work.replies().post(e.getChannel(), thread, r.text(), r.blocks());
    } else {
      work.replies().ephemeral(e.getChannel(), e.getUser(), thread, r.text());
    }
  }
}
