package dev.baton.store;

import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.DeploymentKind;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.model.DataType;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A row of {@code deployment}, the inventory. */
@MappedEntity("deployment")
record DeploymentRow(
    @Id String id,
    String app,
    String env,
    String releaseTag,
    String digests,
    String kind,
    @Nullable String promotionId,
    @Nullable String actor,
    @MappedProperty(
            type = DataType.OBJECT,
            converter = UtcInstantConverter.class,
            converterPersistedType = OffsetDateTime.class)
        Instant completedAt) {

  static DeploymentRow of(Deployment d) {
    return new DeploymentRow(
        d.id(),
        d.app(),
        d.env(),
        d.releaseTag(),
        DigestCodec.encode(d.digests()),
        d.kind().name(),
        d.promotionId(),
        d.actor(),
        d.completedAt());
  }

  Deployment toModel() {
    return new Deployment(
        id,
        app,
        env,
        releaseTag,
        DigestCodec.decode(digests),
        DeploymentKind.valueOf(kind),
        promotionId,
        actor,
        completedAt);
  }
}
