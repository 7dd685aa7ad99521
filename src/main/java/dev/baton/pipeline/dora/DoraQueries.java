package dev.baton.pipeline.dora;

import dev.baton.pipeline.Refusal;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Pipeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers "how does this app deliver": the DORA figures per lane, from the store's rows. */
public final class DoraQueries {
  private final Pipeline pipeline;
  private final DeliveryHistory history;
  private final Clock clock;
  private final DoraCalculator calculator;

  public DoraQueries(
      Pipeline pipeline, DeliveryHistory history, Clock clock, Duration failureWindow) {
    this.pipeline = pipeline;
    this.history = history;
    this.clock = clock;
    this.calculator = new DoraCalculator(failureWindow);
  }

  /**
   * The figures of the app in {@code env} (every environment of the chain when null) over the
   * period ending now. Unknown app: {@link Refusal#notFound}; unknown env: {@link Refusal#invalid}.
   */
  public List<DoraFigures> figures(String app, String env, Duration period) {
    if (pipeline.app(app).isEmpty()) {
      throw Refusal.notFound(
          "unknown app \"" + app + "\"; configured apps: " + String.join(", ", apps()));
    }
    Instant to = clock.instant();
    Instant from = to.minus(period);
    List<DoraFigures> figures = new ArrayList<>();
    for (String e : environments(env)) {
      figures.add(calculator.figures(app, e, from, to, history.records(app, e, from, to)));
    }
    return figures;
  }

  /** The configured apps, in configuration order. */
  public List<String> apps() {
    return List.copyOf(pipeline.apps().keySet());
  }

  public boolean knowsEnv(String env) {
    return pipeline.env(env).isPresent();
  }

  public boolean knowsApp(String app) {
    return pipeline.app(app).isPresent();
  }

  /**
   * The time to restore that a deployment completed at {@code at} ended, if the lane had an
   * incident open then (looked for over the longest period a question may cover).
   */
  public Optional<Duration> restoredBy(String app, String env, Instant at) {
    Instant until = at.plusMillis(1);
    return DoraCalculator.restoredByLast(
        history.records(app, env, at.minus(DoraPeriod.LONGEST), until));
  }

  private List<String> environments(String env) {
    if (env != null) {
      if (pipeline.env(env).isEmpty()) {
        throw Refusal.invalid(
            "unknown environment \""
                + env
                + "\"; the chain is "
                + String.join(
                    " → ",
                    pipeline.environments().stream().map(EnvironmentDefinition::name).toList()));
      }
      return List.of(env);
    }
    return pipeline.environments().stream().map(EnvironmentDefinition::name).toList();
  }
}
