package dev.baton.slack;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.baton.slack.listen.SlackApp;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's requests over HTTP: slash commands, button clicks and events, all at one URL. The raw
 * body goes to Bolt unchanged, because the signature is over those exact bytes; Bolt verifies it
 * (signing secret, five-minute window) and answers 401 when it does not match.
 */
@Controller(SlackEventsController.PATH)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SlackEventsController {
  public static final String PATH = "/slack/events";
  private static final long WINDOW_SECONDS = 300;
  private static final Logger LOG = LoggerFactory.getLogger(SlackEventsController.class);

  private final SlackSettings settings;
  private final BeanProvider<SlackApp> app;
  private volatile SlackRequestParser parser;

  public SlackEventsController(SlackSettings settings, BeanProvider<SlackApp> app) {
    this.settings = settings;
    this.app = app;
  }

  @Post(
      consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON},
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> events(HttpRequest<?> request, @Nullable @Body String body) {
    if (settings.socketMode() && !settings.httpEnabled()) {
      // Slack is configured, only not over HTTP: say so, and what would turn it on.
      return HttpResponse.<String>status(HttpStatus.NOT_FOUND)
          .body(
              "{\"error\":\"this Baton receives Slack over Socket Mode; /slack/events needs"
                  + " baton.slack.signing-secret (SLACK_SIGNING_SECRET)\"}");
    }
    if (!settings.httpEnabled() || !app.isPresent()) {
      return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE)
          .body("{\"error\":\"Slack is not configured on this Baton\"}");
    }
    String raw = body == null ? "" : body;
    RequestHeaders headers = headers(request);
    if (fromTheFuture(headers.getFirstValue("x-slack-request-timestamp"))) {
      return error(401, "{\"error\":\"invalid request\"}");
    }
    Request<?> slackRequest;
    try {
      slackRequest = parser().parse(httpRequest(request, raw, headers));
    } catch (RuntimeException e) {
      slackRequest = null;
    }
    if (slackRequest == null) {
      // Unreadable: still tell a forger nothing more than a wrong signature would.
      return verified(headers, raw)
          ? error(400, "{\"error\":\"malformed request\"}")
          : error(401, "{\"error\":\"invalid request\"}");
    }
    Response response;
    try {
      response = app.get().app().run(slackRequest);
    } catch (Exception e) {
      LOG.warn("Slack request failed: {}", e.toString());
      return verified(headers, raw)
          ? error(400, "{\"error\":\"malformed request\"}")
          : error(401, "{\"error\":\"invalid request\"}");
    }
    return toHttp(response);
  }

  private SlackRequestParser parser() {
    if (parser == null) {
      parser = new SlackRequestParser(app.get().app().config());
    }
    return parser;
  }

  /**
   * Bolt refuses timestamps older than five minutes but takes any later one; Slack's window is five
   * minutes either way, so that a signed request cannot be made to stay valid for long.
   */
  static boolean fromTheFuture(String timestamp) {
    try {
      return timestamp != null
          && Long.parseLong(timestamp.strip()) > System.currentTimeMillis() / 1000 + WINDOW_SECONDS;
    } catch (NumberFormatException e) {
      return false; // Bolt refuses it
    }
  }

  private boolean verified(RequestHeaders headers, String raw) {
    String ts = headers.getFirstValue("x-slack-request-timestamp");
    String signature = headers.getFirstValue("x-slack-signature");
    return ts != null
        && signature != null
        && new SlackSignature.Verifier(new SlackSignature.Generator(settings.signingSecret()))
            .isValid(ts, raw, signature);
  }

  private static SlackRequestParser.HttpRequest httpRequest(
      HttpRequest<?> request, String body, RequestHeaders headers) {
    Map<String, List<String>> query = new HashMap<>();
    request.getParameters().forEach((k, v) -> query.put(k, new ArrayList<>(v)));
    InetSocketAddress remote = request.getRemoteAddress();
    return SlackRequestParser.HttpRequest.builder()
        .requestUri(request.getPath())
        .queryString(query)
        .headers(headers)
        .requestBody(body)
        .remoteAddress(remote == null ? null : remote.getAddress().getHostAddress())
        .build();
  }

  private static RequestHeaders headers(HttpRequest<?> request) {
    Map<String, List<String>> headers = new HashMap<>();
    request
        .getHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
    return new RequestHeaders(headers);
  }

  private static HttpResponse<String> toHttp(Response r) {
    MutableHttpResponse<String> out = HttpResponse.status(HttpStatus.valueOf(r.getStatusCode()));
    if (r.getHeaders() != null) {
      r.getHeaders()
          .forEach(
              (name, values) -> {
                if (!name.equalsIgnoreCase("content-type")
                    && !name.equalsIgnoreCase("content-length")) {
                  values.forEach(v -> out.header(name, v));
                }
              });
    }
    String type = r.getContentType() == null ? MediaType.APPLICATION_JSON : r.getContentType();
    String body = r.getBody() == null ? "" : r.getBody();
    return out.contentType(type).body(body);
  }

  private static HttpResponse<String> error(int status, String json) {
    return HttpResponse.<String>status(HttpStatus.valueOf(status))
        .contentType(MediaType.APPLICATION_JSON)
        .body(json);
  }
}
