package dev.baton.api;

import dev.baton.pipeline.BuildRegistrar.Registration;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.Refusal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CI registers each build here. The body is read as raw bytes because the signature covers exactly
 * those bytes; it is parsed only after the signature verifies.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class BuildsController {
  static final String PATH = "/api/v1/builds";

  /** Who registrations are audited as. */
  static final String ACTOR = "ci";

  private static final Logger LOG = LoggerFactory.getLogger(BuildsController.class);
  private final PipelineCore core;
  private final ApiSettings settings;
  private final Clock clock;
  private final BuildRequestParser parser;
  private final Problems problems;

  public BuildsController(
      PipelineCore core,
      ApiSettings settings,
      Clock clock,
      BuildRequestParser parser,
      Problems problems) {
    this.core = core;
    this.settings = settings;
    this.clock = clock;
    this.parser = parser;
    this.problems = problems;
  }

  @Post(PATH)
  @Consumes(MediaType.ALL)
  @Produces(MediaType.APPLICATION_JSON)
  public HttpResponse<?> register(
      @Nullable @Header(WebhookSignature.TIMESTAMP_HEADER) String timestamp,
      @Nullable @Header(WebhookSignature.SIGNATURE_HEADER) String signature,
      @Nullable @Body byte[] body) {
    Optional<String> secret = settings.configuredWebhookSecret();
    if (secret.isEmpty()) {
      return problems.of(
          HttpStatus.SERVICE_UNAVAILABLE,
          "build registration is disabled: set " + ApiSettings.WEBHOOK_SECRET_KEY);
    }
    byte[] raw = body == null ? new byte[0] : body;
    Optional<String> forgery =
        new WebhookSignature(secret.get(), clock).check(timestamp, signature, raw);
    if (forgery.isPresent()) {
      LOG.warn("refused an unauthenticated build registration: {}", forgery.get());
      return problems
          .of(HttpStatus.UNAUTHORIZED, forgery.get())
          .header(HttpHeaders.WWW_AUTHENTICATE, WebhookSignature.CHALLENGE);
    }
    try {
      Registration registration = core.builds().register(parser.parse(raw), ACTOR);
      ReleaseView release = ReleaseView.of(registration.release());
      if (!registration.created()) {
        return HttpResponse.ok(release);
      }
      return HttpResponse.created(release).header(HttpHeaders.LOCATION, location(release));
    } catch (Refusal refusal) {
      return problems.of(RefusalStatus.ofRegistration(refusal.kind()), refusal.getMessage());
    }
  }

  static String location(ReleaseView release) {
    return "/api/v1/apps/"
        + UriText.segment(release.app())
        + "/releases/"
        + UriText.segment(release.tag());
  }
}
