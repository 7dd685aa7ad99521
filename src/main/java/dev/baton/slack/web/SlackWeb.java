package dev.baton.slack.web;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import com.slack.api.webhook.WebhookResponse;
import dev.baton.retry.RetryAfter;
import dev.baton.retry.Transience;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Slack Web API calls Baton makes, with every failure translated into {@link SlackCallFailed}.
 * Tokens never appear in messages or logs.
 */
public class SlackWeb {
  private static final Set<String> RETRYABLE_ERRORS =
      Set.of(
          "ratelimited",
          "internal_error",
          "fatal_error",
          "service_unavailable",
          "request_timeout",
          "team_added_to_org");
  private static final Gson GSON = GsonFactory.createSnakeCase();

  private final Slack slack;
  private final MethodsClient methods;
  private final Clock clock;

  /** Since when Slack has not answered at all (no connection, 5xx); null while it does. */
  private volatile Instant unreachableSince;

  private volatile String unreachableBecause;

  public SlackWeb(Slack slack, String botToken) {
    this(slack, botToken, Clock.systemUTC());
  }

  public SlackWeb(Slack slack, String botToken, Clock clock) {
    this.slack = slack;
    this.methods = slack.methods(botToken);
    this.clock = clock;
  }

  /**
   * Since when the Web API has failed to answer (a refused or broken connection, HTTP 5xx), or
   * empty while its last answer came; an {@code ok:false} answer is an answer.
   */
  public Optional<Instant> unreachableSince() {
    return Optional.ofNullable(unreachableSince);
  }

  /** Why the Web API is unreachable, or null. */
  public String unreachableBecause() {
    return unreachableSince == null ? null : unreachableBecause;
  }

  /**
   * {@code apps.connections.open} with the app-level token: the URL of a new Socket Mode WebSocket.
   * One call per connection; Slack allows about one a minute and answers {@code ratelimited} with a
   * {@code Retry-After} beyond that.
   */
  public String openSocketModeConnection(String appToken) {
    return call("apps.connections.open", () -> slack.methods(appToken).appsConnectionsOpen(b -> b))
        .getUrl();
  }

  /** Where a message was posted: the channel's ID and the message's timestamp. */
  public record Posted(String channel, String ts) {}

  /** The metadata event type that marks a message Baton keeps up to date, with its key. */
  public static final String MESSAGE_EVENT = "baton_message";

  public Posted postMessage(
      String channel, String threadTs, String text, List<LayoutBlock> blocks) {
    return postMessage(channel, threadTs, text, blocks, null);
  }

  /**
   * Posts a message; with a {@code key}, the message carries it as metadata, so that {@link
   * #findPosted} can find it again when Baton died before it recorded where the message went.
   */
  public Posted postMessage(
      String channel, String threadTs, String text, List<LayoutBlock> blocks, String key) {
    Message.Metadata metadata =
        key == null
            ? null
            : Message.Metadata.builder()
                .eventType(MESSAGE_EVENT)
                .eventPayload(Map.of("key", key))
                .build();
    ChatPostMessageResponse r =
        call(
            "chat.postMessage",
            () ->
                methods.chatPostMessage(
                    b ->
                        b.channel(channel)
                            .threadTs(threadTs)
                            .text(text)
                            .blocks(blocks)
                            .metadata(metadata)
                            .unfurlLinks(false)
                            .unfurlMedia(false)));
    return new Posted(r.getChannel(), r.getTs());
  }

  /**
   * The timestamp of a message Baton posted with {@code key} among the newest 200 of the channel
   * (or of the thread {@code threadTs}), if any. The channel must be an ID ({@code C…}, {@code
   * G…}): Slack reads history by ID only. Needs the {@code channels:history} / {@code
   * groups:history} scopes; without them Slack answers {@code missing_scope}.
   */
  public Optional<String> findPosted(String channel, String threadTs, String key) {
    List<Message> recent =
        threadTs == null
            ? call(
                    "conversations.history",
                    () ->
                        methods.conversationsHistory(
                            b -> b.channel(channel).limit(200).includeAllMetadata(true)))
                .getMessages()
            : call(
                    "conversations.replies",
                    () ->
                        methods.conversationsReplies(
                            b ->
                                b.channel(channel)
                                    .ts(threadTs)
                                    .limit(200)
                                    .includeAllMetadata(true)))
                .getMessages();
    if (recent == null) {
      return Optional.empty();
    }
    return recent.stream()
        .filter(
            m ->
                m.getMetadata() != null
                    && MESSAGE_EVENT.equals(m.getMetadata().getEventType())
                    && m.getMetadata().getEventPayload() != null
                    && key.equals(m.getMetadata().getEventPayload().get("key")))
        .map(Message::getTs)
        .findFirst();
  }

  public void update(String channel, String ts, String text, List<LayoutBlock> blocks) {
    call(
        "chat.update",
        () -> methods.chatUpdate(b -> b.channel(channel).ts(ts).text(text).blocks(blocks)));
  }

  public void postEphemeral(String channel, String user, String threadTs, String text) {
    call(
        "chat.postEphemeral",
        () ->
            methods.chatPostEphemeral(
                b -> b.channel(channel).user(user).threadTs(threadTs).text(text)));
  }

  public void publishHome(String user, View view) {
    call("views.publish", () -> methods.viewsPublish(b -> b.userId(user).view(view)));
  }

  /**
   * {@code views.open}: shows {@code view} as a modal to the person whose request carried {@code
   * triggerId} (valid for 3 seconds after Slack sent it, and once). Returns the view's id.
   */
  public String openView(String triggerId, View view) {
    ViewsOpenResponse r =
        call("views.open", () -> methods.viewsOpen(b -> b.triggerId(triggerId).view(view)));
    return r.getView() == null ? null : r.getView().getId();
  }

  public List<String> groupMembers(String group) {
    UsergroupsUsersListResponse r =
        call("usergroups.users.list", () -> methods.usergroupsUsersList(b -> b.usergroup(group)));
    return r.getUsers() == null ? List.of() : List.copyOf(r.getUsers());
  }

  public AuthTestResponse authTest() {
    return call("auth.test", () -> methods.authTest(b -> b));
  }

  /** Posts a reply to a {@code response_url} (slash commands and message buttons). */
  public void respond(
      String responseUrl, String text, List<LayoutBlock> blocks, boolean inChannel) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("response_type", inChannel ? "in_channel" : "ephemeral");
    body.put("replace_original", false);
    body.put("text", text);
    if (blocks != null && !blocks.isEmpty()) {
      body.put("blocks", blocks);
    }
    if (responseUrl == null || !responseUrl.matches("(?i)https?://\\S+")) {
      // Slack always sends one; a request without it can be answered nowhere.
      throw new SlackCallFailed("response_url", "missing or not an http(s) URL", false, null);
    }
    WebhookResponse r;
    try {
      r = slack.send(responseUrl, GSON.toJson(body));
    } catch (IllegalArgumentException e) {
      throw new SlackCallFailed("response_url", "not a usable URL", false, null);
    } catch (IOException e) {
      throw new SlackCallFailed("response_url", "unreachable: " + e.getMessage(), true, null);
    }
    int code = r.getCode() == null ? 0 : r.getCode();
    if (code == 429) {
      throw new SlackCallFailed("response_url", "ratelimited", true, retryAfter(r.getHeaders()));
    }
    if (code >= 500) {
      throw new SlackCallFailed("response_url", "HTTP " + code, true, null);
    }
    if (code != 200) {
      throw new SlackCallFailed("response_url", "HTTP " + code + " " + r.getBody(), false, null);
    }
  }

  /** A Web API call that may throw the SDK's exceptions. */
  interface Call<T> {
    T run() throws IOException, SlackApiException;
  }

  private <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
    T response;
    try {
      response = call.run();
    } catch (SlackApiException e) {
      int status = e.getResponse() == null ? 0 : e.getResponse().code();
      if (status == 429) {
        answered();
        throw new SlackCallFailed(method, "ratelimited", true, retryAfter(e));
      }
      boolean down = status >= 500 || status == 0;
      if (down) {
        unanswered("HTTP " + status);
      } else {
        answered();
      }
      throw new SlackCallFailed(method, "HTTP " + status, down, null);
    } catch (IOException e) {
      unanswered(e.getClass().getSimpleName());
      throw new SlackCallFailed(method, "unreachable: " + e.getMessage(), true, null);
    }
    answered();
    if (!response.isOk()) {
      String error = response.getError() == null ? "unknown_error" : response.getError();
      throw new SlackCallFailed(method, error, RETRYABLE_ERRORS.contains(error), null);
    }
    return response;
  }

  private void answered() {
    unreachableSince = null;
  }

  private void unanswered(String why) {
    unreachableBecause = why;
    if (unreachableSince == null) {
      unreachableSince = clock.instant();
    }
  }

  /** Slack's {@code Retry-After} (seconds); one second when it did not say. */
  private static Duration retryAfter(SlackApiException e) {
    return asked(e.getResponse().header("Retry-After"));
  }

  private static Duration retryAfter(Map<String, List<String>> headers) {
    if (headers == null) {
      return asked(null);
    }
    return asked(
        headers.entrySet().stream()
            .filter(h -> "Retry-After".equalsIgnoreCase(h.getKey()) && !h.getValue().isEmpty())
            .map(h -> h.getValue().get(0))
            .findFirst()
            .orElse(null));
  }

  private static Duration asked(String header) {
    return RetryAfter.parse(header, Clock.systemUTC()).orElse(Duration.ofSeconds(1));
  }

  /**
   * What Slack's answers say about trying again: {@link SlackCallFailed#retryable()} as decided
   * above, and the {@code Retry-After} of a 429.
   */
  public static final Transience<SlackCallFailed> TRANSIENCE =
      new Transience<>() {
        @Override
        public Class<SlackCallFailed> type() {
          return SlackCallFailed.class;
        }

        @Override
        public boolean isTransient(SlackCallFailed f) {
          return f.retryable();
        }

        @Override
        public Optional<Duration> askedWait(SlackCallFailed f) {
          return Optional.ofNullable(f.retryAfter());
        }
      };
}
