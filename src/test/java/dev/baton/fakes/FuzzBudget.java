package dev.baton.fakes;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The number of tries of a fuzz property whose tries are expensive. In CI it runs the short budget
 * of its class ({@code @PropertyDefaults(tries = …)}), so that the fuzz suite stays under a minute;
 * {@code -Djqwik.tries.default=N} on the command line (a system property, not the value in
 * junit-platform.properties) runs every fuzz property N times, these included. See docs/testing.md.
 */
public final class FuzzBudget implements AroundPropertyHook {
  /** The system property that asks for a long run. */
  public static final String TRIES = "jqwik.tries.default";

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    String asked = System.getProperty(TRIES);
    if (asked != null && !asked.isBlank()) {
      context.attributes().setTries(Integer.parseInt(asked.strip()));
    }
    return property.execute();
  }

  @Override
  public int aroundPropertyProximity() {
    return -100; // outside jqwik's own hooks, so that the tries are set before anything runs
  }
}
