package dev.baton.registry.ecr;

import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.PortException;
import dev.baton.registry.ImageNames;
import dev.baton.registry.Manifests;
import dev.baton.registry.RegistryAdapter;
import dev.baton.registry.RegistryFailure;
import dev.baton.registry.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageRequest;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.PutImageRequest;
import software.amazon.awssdk.services.ecr.model.PutImageResponse;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Amazon ECR through the AWS SDK: {@code BatchGetImage} answers existence and tags (a missing image
 * is an entry in {@code failures[]}, not an exception), and a retag is {@code BatchGetImage} then
 * {@code PutImage} with the same manifest string, its media type and the expected digest, which
 * makes ECR itself refuse a manifest whose digest would differ. IAM needs {@code ecr:BatchGetImage}
 * and {@code ecr:PutImage} only. The SDK does not retry: {@link RetryPolicy} does, as for every
 * registry.
 */
public final class EcrRegistry implements RegistryAdapter {
  private final EcrSettings settings;
  private final EcrClient client;
  private final RetryPolicy retry;
  private final String region;
  private final EcrErrors errors;

  public EcrRegistry(EcrSettings settings, EcrClient client, RetryPolicy retry) {
    this.settings = settings;
    this.client = client;
    this.retry = retry;
    this.region = client.serviceClientConfiguration().region().id();
    this.errors = new EcrErrors(settings, region);
  }

  /** An adapter with its own SDK client and the configured retries. */
  public static EcrRegistry create(EcrSettings settings) {
    return new EcrRegistry(
        settings, EcrClients.create(settings), new RetryPolicy(settings.retry()));
  }

  @Override
  public boolean exists(ImageRepository repo, String digest) {
    EcrRepository r = repository(repo);
    requireDigest(digest);
    return retry.call(
        label() + ": checking " + r.path() + "@" + digest,
        () -> {
          Optional<BatchGetImageResponse> got = batchGet(r, byDigest(digest));
          if (got.isEmpty()) {
            return false; // no such repository, so no such image
          }
          if (got.get().images().stream().anyMatch(i -> digest.equals(i.imageId().imageDigest()))) {
            return true;
          }
          throwUnlessNotFound(got.get().failures(), r, digest);
          return false;
        });
  }

  @Override
  public Optional<String> resolve(ImageRepository repo, String tag) {
    EcrRepository r = repository(repo);
    requireTag(tag);
    return retry.call(
        label() + ": resolving " + r.path() + ":" + tag,
        () -> {
          Optional<BatchGetImageResponse> got = batchGet(r, byTag(tag));
          if (got.isEmpty()) {
            return Optional.empty();
          }
          Optional<String> digest =
              got.get().images().stream().map(i -> i.imageId().imageDigest()).findFirst();
          if (digest.isEmpty()) {
            throwUnlessNotFound(got.get().failures(), r, tag);
          }
          return digest;
        });
  }

  @Override
  public void tag(ImageRepository repo, String digest, String tag) {
    EcrRepository r = repository(repo);
    requireDigest(digest);
    requireTag(tag);
    retry.call(
        label() + ": tagging " + r.path() + "@" + digest + " as " + tag,
        () -> {
          retag(r, digest, tag);
          return null;
        });
  }

  /** One attempt at a retag; safe to repeat, since it starts by looking at where the tag is. */
  private void retag(EcrRepository r, String digest, String tag) {
    BatchGetImageResponse got =
        batchGet(r, byDigest(digest), byTag(tag)).orElseThrow(() -> errors.repositoryMissing(r));
    if (got.images().stream()
        .anyMatch(
            i -> tag.equals(i.imageId().imageTag()) && digest.equals(i.imageId().imageDigest()))) {
      return; // already there: nothing to write
    }
    Image source = source(got, r, digest);
    PutImageRequest put =
        PutImageRequest.builder()
            .registryId(r.registryId())
            .repositoryName(r.path())
            .imageManifest(source.imageManifest())
            .imageManifestMediaType(source.imageManifestMediaType())
            .imageTag(tag)
            .imageDigest(digest)
            .build();
    PutImageResponse done;
    try {
      done = errors.call(() -> client.putImage(put), r, true);
    } catch (ImageAlreadyExistsException e) {
      return; // the tag is already on this digest: ECR's "no changes"
    } catch (ImageTagAlreadyExistsException e) {
      throw errors.immutable(r, tag, e);
    } catch (RepositoryNotFoundException e) {
      throw errors.repositoryMissing(r);
    }
    String stored = done.image() == null ? null : done.image().imageId().imageDigest();
    if (stored != null && !stored.equals(digest)) {
      throw RegistryFailure.terminal(
          "ECR stored " + r.path() + ":" + tag + " as " + stored + ", not as " + digest,
          "the tag may now point at a changed manifest; check the repository");
    }
  }

  /** The image with {@code digest} from a BatchGetImage answer, its manifest checked. */
  private Image source(BatchGetImageResponse got, EcrRepository r, String digest) {
    Image source =
        got.images().stream()
            .filter(i -> digest.equals(i.imageId().imageDigest()) && i.imageManifest() != null)
            .findFirst()
            .orElse(null);
    if (source == null) {
      throwUnlessNotFound(
          got.failures().stream().filter(f -> digest.equals(f.imageId().imageDigest())).toList(),
          r,
          digest);
      throw errors.imageMissing(r, digest);
    }
    if (!Manifests.isDigestOf(digest, source.imageManifest().getBytes(StandardCharsets.UTF_8))) {
      throw RegistryFailure.terminal(
          "ECR returned a manifest for " + r.path() + "@" + digest + " with another digest",
          "Baton refuses to retag what it cannot verify; the tag was not changed");
    }
    return source;
  }

  /** BatchGetImage; empty when the repository does not exist. */
  private Optional<BatchGetImageResponse> batchGet(EcrRepository r, ImageIdentifier... ids) {
    BatchGetImageRequest request =
        BatchGetImageRequest.builder()
            .registryId(r.registryId())
            .repositoryName(r.path())
            .imageIds(ids)
            .acceptedMediaTypes(Manifests.MEDIA_TYPES)
            .build();
    try {
      return Optional.of(errors.call(() -> client.batchGetImage(request), r, false));
    } catch (RepositoryNotFoundException e) {
      return Optional.empty();
    }
  }

  private void throwUnlessNotFound(List<ImageFailure> failures, EcrRepository r, String reference) {
    for (ImageFailure f : failures) {
      if (f.failureCode() != ImageFailureCode.IMAGE_NOT_FOUND) {
        throw errors.failure(f, r, reference);
      }
    }
  }

  @Override
  public Optional<String> repositoryProblem(String repository) {
    return Optional.ofNullable(
        EcrRepository.parse(repository, region, settings.registryId()).problem());
  }

  @Override
  public void close() {
    client.close();
  }

  private EcrRepository repository(ImageRepository repo) {
    EcrRepository r = EcrRepository.parse(repo.repository(), region, settings.registryId());
    if (r.problem() != null) {
      throw PortException.terminal(
          label()
              + ": cannot use repository '"
              + repo.repository()
              + "': "
              + r.problem()
              + ". Check the workload's repository and the app's registry");
    }
    return r;
  }

  private static ImageIdentifier byDigest(String digest) {
    return ImageIdentifier.builder().imageDigest(digest).build();
  }

  private static ImageIdentifier byTag(String tag) {
    return ImageIdentifier.builder().imageTag(tag).build();
  }

  private void requireDigest(String digest) {
    if (!ImageNames.isDigest(digest)) {
      throw PortException.terminal(
          label() + ": '" + digest + "' is not a digest (sha256:<64 hex digits>)");
    }
  }

  private void requireTag(String tag) {
    if (!ImageNames.isTag(tag)) {
      throw PortException.terminal(label() + ": '" + tag + "' is not a valid image tag");
    }
  }

  private String label() {
    return "registry "
        + settings.name()
        + " (ECR"
        + (settings.registryId() == null ? "" : " " + settings.registryId())
        + " in "
        + region
        + ")";
  }
}
