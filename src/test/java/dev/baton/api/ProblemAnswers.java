package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What an API problem answer must look like, and the requests that ask for a media type. */
final class ProblemAnswers {
  private ProblemAnswers() {}

  /** An RFC 9457 problem with {@code status}, a title and a detail, and no stack trace. */
  static void assertProblem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(r.body())
        .startsWith("{\"type\":\"about:blank\",\"title\":\"")
        .contains("\"status\":" + status + ",\"detail\":\"")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  /** A GET of {@code path} with the read token that accepts only {@code mediaType}. */
  static HttpRequest accepting(ApiServer api, String path, String mediaType) {
    return HttpRequest.newBuilder(api.uri(path))
        .header("Authorization", "Bearer " + ApiServer.READ_TOKEN)
        .header("Accept", mediaType)
        .build();
  }
}
