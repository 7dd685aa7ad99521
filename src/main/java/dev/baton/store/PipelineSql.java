package dev.baton.store;

import dev.baton.pipeline.model.Approval;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Releases, approvals and step records, in hand-written SQL (their keys are composite or generated,
 * which the row-record repositories handle poorly). Insertion order is {@code row_no}.
 */
@Singleton
class PipelineSql {
  private static final String RELEASE_COLUMNS =
      "app, tag, commit, build_url, digests, registered_at, registered_by, committed_at";

  private final Jdbc jdbc;

  PipelineSql(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Release> release(String app, String tag) {
    return jdbc.one(
        "SELECT " + RELEASE_COLUMNS + " FROM release WHERE app = ? AND tag = ?",
        Params.of().text(app).text(tag),
        PipelineSql::release);
  }

  List<Release> releases(String app, int limit) {
    return jdbc.query(
        "SELECT "
            + RELEASE_COLUMNS
            + " FROM release WHERE app = ? ORDER BY registered_at DESC, row_no DESC LIMIT ?",
        Params.of().text(app).integer(Math.max(0, limit)),
        PipelineSql::release);
  }

  void insertRelease(Release r) {
    jdbc.update(
        "INSERT INTO release (" + RELEASE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        Params.of()
            .text(r.app())
            .text(r.tag())
            .text(r.commit())
            .text(r.buildUrl())
            .text(DigestCodec.encode(r.digests()))
            .time(r.registeredAt())
            .text(r.registeredBy())
            .time(r.committedAt()));
  }

  boolean approvalExists(String promotionId, String approver) {
    return jdbc.one(
            "SELECT 1 FROM approval WHERE promotion_id = ? AND approver = ?",
            Params.of().text(promotionId).text(approver),
            rs -> Boolean.TRUE)
        .isPresent();
  }

  void insertApproval(Approval a) {
    jdbc.update(
        "INSERT INTO approval (promotion_id, approver, approved_at) VALUES (?, ?, ?)",
        Params.of().text(a.promotionId()).text(a.approver()).time(a.approvedAt()));
  }

  List<Approval> approvals(String promotionId) {
    return jdbc.query(
        "SELECT promotion_id, approver, approved_at FROM approval WHERE promotion_id = ?"
            + " ORDER BY row_no",
        Params.of().text(promotionId),
        rs ->
            new Approval(
                rs.getString("promotion_id"),
                rs.getString("approver"),
                Jdbc.time(rs, "approved_at")));
  }

  void insertStep(StepRecord s) {
    jdbc.update(
        "INSERT INTO promotion_step (promotion_id, step, status, at, attempt, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        Params.of()
            .text(s.promotionId())
            .name(s.step())
            .name(s.status())
            .time(s.at())
            .integer(s.attempt())
            .text(s.detail()));
  }

  List<StepRecord> steps(String promotionId) {
    return jdbc.query(
        "SELECT promotion_id, step, status, at, attempt, detail FROM promotion_step"
            + " WHERE promotion_id = ? ORDER BY row_no",
        Params.of().text(promotionId),
        rs ->
            new StepRecord(
                rs.getString("promotion_id"),
                Step.valueOf(rs.getString("step")),
                StepRecord.Status.valueOf(rs.getString("status")),
                Jdbc.time(rs, "at"),
                rs.getInt("attempt"),
                rs.getString("detail")));
  }

  private static Release release(ResultSet rs) throws SQLException {
    return new Release(
        rs.getString("app"),
        rs.getString("tag"),
        rs.getString("commit"),
        rs.getString("build_url"),
        DigestCodec.decode(rs.getString("digests")),
        Jdbc.time(rs, "registered_at"),
        rs.getString("registered_by"),
        Jdbc.time(rs, "committed_at"));
  }
}
