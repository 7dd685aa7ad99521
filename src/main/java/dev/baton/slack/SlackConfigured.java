package dev.baton.slack;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/** True when Baton has the settings to talk to Slack (see {@link SlackSettings#configured()}). */
public final class SlackConfigured implements Condition {
  @Override
  public boolean matches(ConditionContext context) {
    return SlackSettings.from(context).configured();
  }
}
