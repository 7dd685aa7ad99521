package dev.baton.api;

import dev.baton.pipeline.Refusal;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;

/** What runs where: for dashboards and scripts. Requires the read token. */
@Controller("/api/v1/apps")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
public class AppsController {
  private final AppStates states;

  public AppsController(AppStates states) {
    this.states = states;
  }

  @Get
  public Map<String, List<AppSummaryView>> list() {
    return Map.of("apps", states.summaries());
  }

  @Get("/{app}")
  public AppStateView app(@PathVariable String app) {
    return states.state(app);
  }

  @Get("/{app}/releases/{tag}")
  public ReleaseView release(@PathVariable String app, @PathVariable String tag) {
    return states
        .release(app, tag)
        .orElseThrow(
            () -> Refusal.notFound("release " + tag + " of " + app + " is not registered"));
  }
}
