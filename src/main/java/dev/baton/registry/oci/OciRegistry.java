package dev.baton.registry.oci;

import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.PortException;
import dev.baton.registry.ImageNames;
import dev.baton.registry.Manifests;
import dev.baton.registry.RegistryAdapter;
import dev.baton.registry.RegistryFailure;
import dev.baton.registry.RetryPolicy;
import dev.baton.registry.oci.DistributionClient.Call;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Optional;

/**
 * A registry that speaks the OCI distribution API (Docker Hub, GHCR, Harbor, Artifactory, Quay,
 * {@code registry:2}, ECR's own endpoint). Manifests are always requested with every media type
 * Baton handles in {@code Accept}, so that nothing is down-converted; a retag fetches the exact
 * manifest bytes by digest and PUTs them under the tag with the manifest's own {@code
 * Content-Type}, then checks that the registry stored them under the same digest.
 */
public final class OciRegistry implements RegistryAdapter {
  private final OciSettings settings;
  private final DistributionClient client;
  private final RetryPolicy retry;
  private final ManifestErrors errors;

  public OciRegistry(
      OciSettings settings, HttpClient http, JsonMapper json, Clock clock, RetryPolicy retry) {
    this.settings = settings;
    this.client = new DistributionClient(settings, http, json, clock);
    this.retry = retry;
    this.errors = new ManifestErrors(settings, json, client::authAdvice);
  }

  /** An adapter with its own HTTP client, the system clock and the configured retries. */
  public static OciRegistry create(OciSettings settings, JsonMapper json) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            // Manifests are not redirected; never carry Authorization to another host.
            .followRedirects(HttpClient.Redirect.NEVER)
            // HTTP/2 brings nothing for a few small requests, and over plain http the JDK would
            // send an h2c upgrade that some registries and proxies mishandle.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    return new OciRegistry(
        settings, http, json, Clock.systemUTC(), new RetryPolicy(settings.retry()));
  }

  @Override
  public boolean exists(ImageRepository repo, String digest) {
    String path = path(repo);
    requireDigest(digest);
    return retry.call(
        label() + ": checking " + path + "@" + digest,
        () -> {
          HttpResponse<byte[]> r =
              client.send(Call.read("HEAD", path, "manifests/" + digest, Manifests.ACCEPT));
          return switch (r.statusCode()) {
            case 200 -> true;
            case 404 -> false;
            default -> throw errors.of(r, path, digest, false);
          };
        });
  }

  @Override
  public Optional<String> resolve(ImageRepository repo, String tag) {
    String path = path(repo);
    requireTag(tag);
    return retry.call(label() + ": resolving " + path + ":" + tag, () -> currentDigest(path, tag));
  }

  @Override
  public void tag(ImageRepository repo, String digest, String tag) {
    String path = path(repo);
    requireDigest(digest);
    requireTag(tag);
    retry.call(
        label() + ": tagging " + path + "@" + digest + " as " + tag,
        () -> {
          retag(path, digest, tag);
          return null;
        });
  }

  /** One attempt at a retag; safe to repeat, since it starts by looking at where the tag is. */
  private void retag(String path, String digest, String tag) {
    if (currentDigest(path, tag).filter(digest::equals).isPresent()) {
      return; // already there: nothing to write
    }
    Manifest manifest = fetch(path, digest);
    HttpResponse<byte[]> put =
        client.send(Call.put(path, "manifests/" + tag, manifest.bytes(), manifest.mediaType()));
    if (put.statusCode() != 201 && put.statusCode() != 200) {
      throw errors.of(put, path, tag, true);
    }
    Optional<String> stored = put.headers().firstValue("Docker-Content-Digest").map(String::strip);
    if (stored.isPresent() && !stored.get().equals(digest)) {
      throw RegistryFailure.terminal(
          "the registry stored " + path + ":" + tag + " as " + stored.get() + ", not as " + digest,
          "the tag may now point at a changed manifest; check the registry");
    }
  }

  /** A manifest's exact bytes and media type. */
  private record Manifest(byte[] bytes, String mediaType) {}

  /** The manifest by digest, checked: a type Baton handles, and bytes that hash to the digest. */
  private Manifest fetch(String path, String digest) {
    HttpResponse<byte[]> got =
        client.send(Call.read("GET", path, "manifests/" + digest, Manifests.ACCEPT));
    if (got.statusCode() != 200) {
      throw errors.of(got, path, digest, false);
    }
    String mediaType = Manifests.baseType(got.headers().firstValue("Content-Type").orElse(""));
    if (!Manifests.handled(mediaType)) {
      throw RegistryFailure.terminal(
          path
              + "@"
              + digest
              + " has the media type '"
              + mediaType
              + "', which Baton does not retag",
          "Baton handles "
              + String.join(", ", Manifests.MEDIA_TYPES)
              + "; push the image in one of them");
    }
    if (!Manifests.isDigestOf(digest, got.body())) {
      throw RegistryFailure.terminal(
          "the registry returned manifest bytes for "
              + path
              + "@"
              + digest
              + " whose digest is "
              + Manifests.sha256(got.body()),
          "Baton refuses to retag what it cannot verify; the tag was not changed");
    }
    return new Manifest(got.body(), mediaType);
  }

  /** Where {@code tag} points now: the registry's digest header, else the digest of the bytes. */
  private Optional<String> currentDigest(String path, String tag) {
    HttpResponse<byte[]> head =
        client.send(Call.read("HEAD", path, "manifests/" + tag, Manifests.ACCEPT));
    if (head.statusCode() == 404) {
      return Optional.empty();
    }
    if (head.statusCode() != 200) {
      throw errors.of(head, path, tag, false);
    }
    Optional<String> header =
        head.headers()
            .firstValue("Docker-Content-Digest")
            .map(String::strip)
            .filter(ImageNames::isDigest);
    if (header.isPresent()) {
      return header;
    }
    HttpResponse<byte[]> get =
        client.send(Call.read("GET", path, "manifests/" + tag, Manifests.ACCEPT));
    if (get.statusCode() == 404) {
      return Optional.empty();
    }
    if (get.statusCode() != 200) {
      throw errors.of(get, path, tag, false);
    }
    return Optional.of(Manifests.sha256(get.body()));
  }

  @Override
  public Optional<String> repositoryProblem(String repository) {
    return ImageNames.path(repository, settings.hosts()).problemText();
  }

  @Override
  public void close() {
    // HttpClient has no close() before Java 21; its connections idle out.
  }

  private String path(ImageRepository repo) {
    ImageNames.Path p = ImageNames.path(repo.repository(), settings.hosts());
    if (p.value() == null) {
      throw PortException.terminal(
          label()
              + ": cannot use repository '"
              + repo.repository()
              + "': "
              + p.problem()
              + ". Check the workload's repository and the app's registry");
    }
    return p.value();
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
    return "registry " + settings.name() + " (" + settings.url() + ")";
  }
}
