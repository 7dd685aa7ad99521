package dev.baton.api;

import dev.baton.audit.AuditCsv;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.model.AuditEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Locale;

/** The audit log, for export and for checking that nobody rewrote it. Requires the read token. */
@Controller("/api/v1/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditController {
  private static final String PATH = "/api/v1/audit";
  private final PipelineCore core;

  public AuditController(PipelineCore core) {
    this.core = core;
  }

  /** Newest first; JSON unless CSV is asked for by {@code format=csv} or {@code Accept}. */
  @Get
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  public HttpResponse<?> events(
      HttpRequest<?> request,
      @Nullable @QueryValue String app,
      @Nullable @QueryValue String env,
      @Nullable @QueryValue String release,
      @Nullable @QueryValue String actor,
      @Nullable @QueryValue String from,
      @Nullable @QueryValue String to,
      @Nullable @QueryValue String before,
      @Nullable @QueryValue String limit,
      @Nullable @QueryValue String format) {
    boolean csv = wantsCsv(format, request.getHeaders().get(HttpHeaders.ACCEPT));
    AuditFilter filter = AuditFilter.parse(app, env, release, actor, from, to, before, limit);
    List<AuditEvent> rows = core.queries().audit(filter.probe());
    List<AuditEvent> page = rows.size() > filter.limit() ? rows.subList(0, filter.limit()) : rows;
    String next =
        rows.size() > filter.limit()
            ? filter.nextPage(PATH, page.get(page.size() - 1).seq(), format)
            : null;
    MutableHttpResponse<?> response =
        csv
            ? HttpResponse.ok(AuditCsv.write(page)).contentType(AuditCsv.CONTENT_TYPE)
            : HttpResponse.ok(
                    new AuditPageView(page.stream().map(AuditEventView::of).toList(), next))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    if (next != null) {
      response.header("Link", "<" + next + ">; rel=\"next\"");
    }
    return response;
  }

  @Get("/verify")
  @Produces(MediaType.APPLICATION_JSON)
  public ChainView verify() {
    return ChainView.of(core.queries().verifyAuditChain());
  }

  private static boolean wantsCsv(String format, String accept) {
    if (format != null && !format.isBlank()) {
      return switch (format.trim().toLowerCase(Locale.ROOT)) {
        case "csv" -> true;
        case "json" -> false;
        default -> throw ProblemException.badRequest("format must be json or csv");
      };
    }
    String types = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
    return types.contains("text/csv") && !types.contains("application/json");
  }
}
