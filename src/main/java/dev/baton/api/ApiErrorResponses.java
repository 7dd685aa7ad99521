package dev.baton.api;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Makes the framework's own error answers under {@code /api} problem documents: unknown routes,
 * unparseable parameters, wrong methods, bodies over the size limit, unexpected failures. Other
 * paths keep Micronaut's default error bodies, so the processor is decorated rather than replaced.
 */
@Singleton
@SuppressWarnings({"rawtypes", "unchecked"})
public class ApiErrorResponses implements BeanCreatedEventListener<ErrorResponseProcessor> {
  private final Provider<Problems> problems;

  public ApiErrorResponses(Provider<Problems> problems) {
    this.problems = problems;
  }

  @Override
  public ErrorResponseProcessor onCreated(BeanCreatedEvent<ErrorResponseProcessor> event) {
    ErrorResponseProcessor<?> framework = event.getBean();
    return (context, response) -> {
      if (!Problems.isApiPath(context.getRequest().getPath())) {
        return framework.processResponse(context, response);
      }
      return answer(context, response);
    };
  }

  private MutableHttpResponse<?> answer(ErrorContext context, MutableHttpResponse<?> response) {
    HttpStatus status = response.status();
    MutableHttpResponse<byte[]> problem = problems.get().of(status, detail(context, status));
    response.getHeaders().forEach((name, values) -> values.forEach(v -> copy(problem, name, v)));
    if (context.getRequest().getMethod() == HttpMethod.HEAD) {
      problem.body(null);
    }
    return problem;
  }

  private static void copy(MutableHttpResponse<?> to, String name, String value) {
    if (!name.equalsIgnoreCase("content-type") && !name.equalsIgnoreCase("content-length")) {
      to.header(name, value);
    }
  }

  /** Server errors say nothing about their cause: it is logged, never shown. */
  private static String detail(ErrorContext context, HttpStatus status) {
    if (status.getCode() >= 500) {
      return "Baton could not answer this request; the cause is in its log";
    }
    if (status == HttpStatus.NOT_FOUND) {
      return "no such resource: " + context.getRequest().getPath();
    }
    if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
      return "the request body is larger than the server accepts";
    }
    String messages =
        context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
    return messages.isBlank() ? status.getReason() : messages;
  }
}
