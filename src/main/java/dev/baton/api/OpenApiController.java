package dev.baton.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the hand-written OpenAPI description, without authentication. */
@Controller
public class OpenApiController {
  static final String RESOURCE = "openapi/baton.yml";
  static final String CONTENT_TYPE = "application/yaml";
  private final byte[] document;

  public OpenApiController() {
    try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Get("/api/openapi.yml")
  @Produces(CONTENT_TYPE)
  public HttpResponse<byte[]> document() {
    return HttpResponse.ok(document).contentType(CONTENT_TYPE);
  }
}
