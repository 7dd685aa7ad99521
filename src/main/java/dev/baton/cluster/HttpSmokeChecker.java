package dev.baton.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.SmokeCheck;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.SmokeChecker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Smoke checks over HTTP: GET the URL until it answers the expected status (and, when configured,
 * reports the release's commit or tag in a JSON field), retrying every {@code interval} until the
 * check's deadline; then fails with the last thing it saw.
 */
public final class HttpSmokeChecker implements SmokeChecker {
  private static final ObjectMapper JSON = new ObjectMapper();
  private volatile HttpClient http;
  private final Duration interval;
  private final Duration requestTimeout;

  /**
   * @param interval pause between attempts
   * @param requestTimeout longest wait for one answer
   */
  public HttpSmokeChecker(Duration interval, Duration requestTimeout) {
    this.interval = interval;
    this.requestTimeout = requestTimeout;
  }

  /**
   * The client, made at the first check: an app without smoke checks never pays for it (a selector
   * thread and the TLS set-up).
   */
  private HttpClient http() {
    HttpClient h = http;
    if (h == null) {
      synchronized (this) {
        h = http;
        if (h == null) {
          h =
              HttpClient.newBuilder()
                  .connectTimeout(requestTimeout)
                  .followRedirects(HttpClient.Redirect.NORMAL)
                  .build();
          http = h;
        }
      }
    }
    return h;
  }

  @Override
  public void check(SmokeCheck check, Release release) {
    long deadline = System.nanoTime() + check.deadline().toNanos();
    int attempts = 0;
    Seen last;
    String lastAnswer = null;
    while (true) {
      attempts++;
      last = observe(check, release, remaining(deadline));
      if (last == null) {
        return;
      }
      if (last.answered()) {
        lastAnswer = last.text();
      }
      if (System.nanoTime() + interval.toNanos() >= deadline) {
        break;
      }
      pause(check);
    }
    // a last attempt cut short by the deadline says less than the answer before it
    String seen =
        last.answered() || lastAnswer == null
            ? last.text()
            : last.text() + "; before it, " + lastAnswer;
    throw PortException.terminal(
        "smoke check GET "
            + check.url()
            + " did not pass within "
            + check.deadline().toSeconds()
            + " s ("
            + attempts
            + (attempts == 1 ? " attempt" : " attempts")
            + "): "
            + seen
            + ". Expected status "
            + check.expectedStatus()
            + (check.revisionField() == null
                ? ""
                : " with " + check.revisionField() + " = " + expected(release))
            + ". Check the new pods and the URL in baton.apps."
            + release.app()
            + ".smoke-checks");
  }

  /** What one attempt saw, for people; {@code answered}: the service answered at all. */
  private record Seen(String text, boolean answered) {}

  /** Null when the check passes; else what was seen. */
  private Seen observe(SmokeCheck check, Release release, Duration budget) {
    HttpResponse<String> response;
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(check.url()))
              .timeout(budget.compareTo(requestTimeout) < 0 ? budget : requestTimeout)
              .header("Accept", "application/json")
              .GET()
              .build();
      response = http().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return new Seen(
          "the last attempt got no answer ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ")",
          false);
    } catch (InterruptedException e) {
      throw interrupted(check);
    }
    if (response.statusCode() != check.expectedStatus()) {
      return new Seen("the last answer was status " + response.statusCode(), true);
    }
    if (check.revisionField() == null) {
      return null;
    }
    String problem = revisionProblem(check.revisionField(), response.body(), release);
    return problem == null ? null : new Seen(problem, true);
  }

  private static String revisionProblem(String field, String body, Release release) {
    JsonNode value;
    try {
      value = RevisionField.at(JSON.readTree(body), field);
    } catch (IOException e) {
      return "the last answer was status 200 but not JSON, so " + field + " could not be read";
    }
    if (value == null || value.isNull() || value.isContainerNode()) {
      return "the last answer has no value at " + field;
    }
    String reported = value.asText();
    if (RevisionField.matches(reported, release)) {
      return null;
    }
    return "the last answer reports " + field + " = " + reported + " (still the old release?)";
  }

  private static String expected(Release release) {
    return release.commit() == null
        ? release.tag()
        : release.commit() + " (commit) or " + release.tag() + " (tag)";
  }

  private void pause(SmokeCheck check) {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      throw interrupted(check);
    }
  }

  private static PortException interrupted(SmokeCheck check) {
    Thread.currentThread().interrupt();
    return PortException.retryable(
        "interrupted during smoke check " + check.url() + " (Baton is stopping)");
  }

  private static Duration remaining(long deadline) {
    long left = deadline - System.nanoTime();
    return Duration.ofNanos(Math.max(left, Duration.ofMillis(100).toNanos()));
  }
}
