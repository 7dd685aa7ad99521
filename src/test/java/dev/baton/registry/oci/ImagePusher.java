package dev.baton.registry.oci;

import dev.baton.registry.Manifests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Makes images in a real registry the way a build would, over the distribution API: a gzipped layer
 * tarball and a config JSON as blobs (POST an upload, PUT it with its digest), then a manifest, or
 * an index of two platform manifests. Every image has unique content, so tests never see each
 * other's digests.
 */
public final class ImagePusher {
  /** OCI or Docker media types for the manifests, configs and layers. */
  public enum Style {
    OCI(
        Manifests.OCI_MANIFEST,
        Manifests.OCI_INDEX,
        "application/vnd.oci.image.config.v1+json",
        "application/vnd.oci.image.layer.v1.tar+gzip"),
    DOCKER(
        Manifests.DOCKER_MANIFEST,
        Manifests.DOCKER_LIST,
        "application/vnd.docker.container.image.v1+json",
        "application/vnd.docker.image.rootfs.diff.tar.gzip");

    final String manifest;
    final String index;
    final String config;
    final String layer;

    Style(String manifest, String index, String config, String layer) {
      this.manifest = manifest;
      this.index = index;
      this.config = config;
      this.layer = layer;
    }
  }

  /** A manifest as stored: its digest, exact bytes and media type. */
  public record Pushed(String digest, byte[] bytes, String mediaType) {}

  private final URI base;
  private final String authorization;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public ImagePusher(String baseUrl) {
    this(baseUrl, null, null);
  }

  public ImagePusher(String baseUrl, String user, String password) {
    this.base = URI.create(baseUrl);
    this.authorization =
        user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A single-platform image, stored by digest only (no tag). */
  public Pushed image(String repository, Style style) {
    return image(repository, style, "amd64", true);
  }

  /**
   * A single-platform image for {@code architecture}; {@code mediaTypeField} false leaves the
   * manifest's optional {@code mediaType} field out (OCI allows it), so the type is known only from
   * the Content-Type.
   */
  public Pushed image(String repository, Style style, String architecture, boolean mediaTypeField) {
    byte[] layer =
        gzip(tar("hello.txt", ("layer " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)));
    String layerDigest = blob(repository, layer);
    byte[] config =
        ("{\"architecture\":\""
                + architecture
                + "\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + Manifests.sha256(layer)
                + "\"]}}")
            .getBytes(StandardCharsets.UTF_8);
    String configDigest = blob(repository, config);
    String manifest =
        "{\n  \"schemaVersion\": 2,\n"
            + (mediaTypeField ? "  \"mediaType\": \"" + style.manifest + "\",\n" : "")
            + "  \"config\": "
            + descriptor(style.config, configDigest, config.length)
            + ",\n  \"layers\": ["
            + descriptor(style.layer, layerDigest, layer.length)
            + "]\n}\n";
    return manifest(repository, null, manifest.getBytes(StandardCharsets.UTF_8), style.manifest);
  }

  /** A two-platform image: an OCI index or a Docker manifest list over amd64 and arm64. */
  public Pushed index(String repository, Style style) {
    Pushed amd64 = image(repository, style, "amd64", true);
    Pushed arm64 = image(repository, style, "arm64", true);
    String index =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + style.index
            + "\",\"manifests\":["
            + platform(style, amd64, "amd64")
            + ","
            + platform(style, arm64, "arm64")
            + "]}";
    return manifest(repository, null, index.getBytes(StandardCharsets.UTF_8), style.index);
  }

  /** PUTs the manifest under {@code tag}, or under its digest when tag is null. */
  public Pushed manifest(String repository, String tag, byte[] bytes, String mediaType) {
    String digest = Manifests.sha256(bytes);
    HttpResponse<byte[]> r =
        send(
            request("/v2/" + repository + "/manifests/" + (tag == null ? digest : tag))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    expect(r, 201, "PUT manifest");
    return new Pushed(digest, bytes, mediaType);
  }

  /** GETs a manifest with every handled type in Accept: exact bytes, Content-Type, digest. */
  public Pushed fetch(String repository, String reference) {
    HttpResponse<byte[]> r =
        send(
            request("/v2/" + repository + "/manifests/" + reference)
                .header("Accept", Manifests.ACCEPT)
                .GET());
    expect(r, 200, "GET manifest");
    return new Pushed(
        r.headers().firstValue("Docker-Content-Digest").orElseThrow(),
        r.body(),
        r.headers().firstValue("Content-Type").orElseThrow());
  }

  private String blob(String repository, byte[] bytes) {
    HttpResponse<byte[]> start =
        send(
            request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()));
    expect(start, 202, "POST blob upload");
    String location = start.headers().firstValue("Location").orElseThrow();
    URI upload = base.resolve(location);
    String digest = Manifests.sha256(bytes);
    String separator = upload.getRawQuery() == null ? "?" : "&";
    HttpRequest.Builder put =
        HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest))
            .header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (authorization != null) {
      put.header("Authorization", authorization);
    }
    expect(send(put), 201, "PUT blob");
    return digest;
  }

  private static String descriptor(String mediaType, String digest, long size) {
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + digest
        + "\",\"size\":"
        + size
        + "}";
  }

  private static String platform(Style style, Pushed m, String architecture) {
    return "{\"mediaType\":\""
        + style.manifest
        + "\",\"digest\":\""
        + m.digest()
        + "\",\"size\":"
        + m.bytes().length
        + ",\"platform\":{\"architecture\":\""
        + architecture
        + "\",\"os\":\"linux\"}}";
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException("registry unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void expect(HttpResponse<byte[]> r, int status, String what) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(
          what
              + " "
              + r.uri()
              + " answered "
              + r.statusCode()
              + ": "
              + new String(r.body(), StandardCharsets.UTF_8));
    }
  }

  /** A one-file POSIX tar archive. */
  static byte[] tar(String name, byte[] content) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, String.format("%011o", 1_700_000_000L));
    java.util.Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    header[155] = ' ';
    int padded = (content.length + 511) / 512 * 512;
    byte[] out = new byte[512 + padded + 1024];
    System.arraycopy(header, 0, out, 0, 512);
    System.arraycopy(content, 0, out, 512, content.length);
    return out;
  }

  private static void put(byte[] header, int offset, String value) {
    byte[] b = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, header, offset, b.length);
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  static List<Style> styles() {
    return List.of(Style.OCI, Style.DOCKER);
  }
}
