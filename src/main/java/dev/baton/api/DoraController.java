package dev.baton.api;

import dev.baton.pipeline.dora.DoraPeriod;
import dev.baton.pipeline.dora.DoraQueries;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;

/** The DORA figures of an app, per environment. Requires the read token. */
@Controller("/api/v1/apps")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
public class DoraController {
  private final DoraQueries dora;

  public DoraController(DoraQueries dora) {
    this.dora = dora;
  }

  @Get("/{app}/dora")
  public DoraView dora(
      @PathVariable String app,
      @Nullable @QueryValue String env,
      @Nullable @QueryValue String since) {
    Duration period;
    try {
      period = DoraPeriod.parse(since);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(e.getMessage());
    }
    String lane = env == null || env.isBlank() ? null : env;
    if (dora.knowsApp(app) && lane != null && !dora.knowsEnv(lane)) {
      throw ProblemException.badRequest("unknown environment \"" + lane + "\"");
    }
    return DoraView.of(app, DoraPeriod.text(period), dora.figures(app, lane, period));
  }
}
