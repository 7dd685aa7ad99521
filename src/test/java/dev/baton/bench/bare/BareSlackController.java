package dev.baton.bench.bare;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /slack/events} handed to Bolt as the Bolt documentation does it (raw body, headers),
 * on the blocking executor as Baton's own controller; {@code GET /health} for the launcher. Only
 * active in {@link BareBoltApp} (never in Baton's test contexts).
 */
@Controller
@Requires(property = BareBoltApp.ENABLED, value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
public class BareSlackController {
  private final App app = BareBoltApp.app();
  private final SlackRequestParser parser = new SlackRequestParser(app.config());

  @Get(value = "/health", produces = MediaType.APPLICATION_JSON)
  public String health() {
    return "{\"status\":\"UP\"}";
  }

  @Post(
      value = "/slack/events",
      consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON},
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> events(HttpRequest<?> request, @Nullable @Body String body)
      throws Exception {
    Map<String, List<String>> headers = new HashMap<>();
    request.getHeaders().forEach((n, v) -> headers.put(n.toLowerCase(Locale.ROOT), v));
    Request<?> slackRequest =
        parser.parse(
            SlackRequestParser.HttpRequest.builder()
                .requestUri(request.getPath())
                .headers(new RequestHeaders(headers))
                .requestBody(body == null ? "" : body)
                .build());
    Response r = app.run(slackRequest);
    return HttpResponse.<String>status(HttpStatus.valueOf(r.getStatusCode()))
        .contentType(r.getContentType() == null ? MediaType.APPLICATION_JSON : r.getContentType())
        .body(r.getBody() == null ? "" : r.getBody());
  }
}
