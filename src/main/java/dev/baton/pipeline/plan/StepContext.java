package dev.baton.pipeline.plan;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.Release;
import java.util.function.Consumer;

/**
 * What a step works on.
 *
 * @param release the promotion's release
 * @param previous the release the environment ran when the promotion started (restored by the
 *     auto-rollback steps), or null for a first deployment
 * @param progress live progress for people ("main-app: 2/3 updated")
 */
public record StepContext(
    Promotion promotion,
    Release release,
    Release previous,
    EnvironmentDefinition env,
    AppDefinition app,
    Consumer<String> progress) {}
