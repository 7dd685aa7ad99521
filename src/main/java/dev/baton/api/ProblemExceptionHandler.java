package dev.baton.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers the API's own HTTP-level refusals. */
@Singleton
public class ProblemExceptionHandler
    implements ExceptionHandler<ProblemException, HttpResponse<?>> {
  private final Problems problems;

  public ProblemExceptionHandler(Problems problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, ProblemException e) {
    return problems.of(e.status(), e.getMessage());
  }
}
