package dev.baton.api;

import dev.baton.pipeline.Refusal;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a core refusal with a problem whose detail is the refusal's own message. */
@Singleton
public class RefusalHandler implements ExceptionHandler<Refusal, HttpResponse<?>> {
  private final Problems problems;

  public RefusalHandler(Problems problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, Refusal refusal) {
    return problems.of(RefusalStatus.of(refusal.kind()), refusal.getMessage());
  }
}
