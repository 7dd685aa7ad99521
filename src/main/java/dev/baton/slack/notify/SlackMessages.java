package dev.baton.slack.notify;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where Baton's Slack messages are ({@code slack_message}), which one-off notices were sent ({@code
 * slack_notice}) and who looks at the App Home ({@code slack_home_viewer}); schema in {@code
 * V2__slack.sql}. Each method is its own short transaction, so that a lost claim (a unique
 * violation) never poisons other work.
 */
public class SlackMessages {
  private static final String UNIQUE_VIOLATION = "23505";

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;

  public SlackMessages(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /**
   * A message Baton keeps up to date; {@code ts} is null while a replica is posting it.
   *
   * @param contentHash hash of what was last sent, so that unchanged content is not sent again
   * @param claimedBy the replica (and start) that claimed it
   */
  public record MessageRef(
      String key,
      String channel,
      String ts,
      String contentHash,
      Instant claimedAt,
      String claimedBy) {
    public boolean posted() {
      return ts != null;
    }
  }

  public Optional<MessageRef> find(String key) {
    return tx.executeRead(
        s ->
            jdbc.prepareStatement(
                "SELECT msg_key, channel, ts, content_hash, claimed_at, claimed_by FROM slack_message"
                    + " WHERE msg_key = ?",
                ps -> {
                  ps.setString(1, key);
                  try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                      return Optional.<MessageRef>empty();
                    }
                    return Optional.of(
                        new MessageRef(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(),
                            rs.getString(6)));
                  }
                }));
  }

  /** Claims the right to post the message; false when another replica (or an earlier run) has. */
  public boolean claim(String key, String owner, Instant now) {
    return insert(
        "INSERT INTO slack_message (msg_key, claimed_by, claimed_at) VALUES (?, ?, ?)",
        ps -> {
          ps.setString(1, key);
          ps.setString(2, owner);
          ps.setObject(3, db(now));
        });
  }

  /**
   * Takes over a claim whose holder never posted because it died mid-post: {@code previousOwner} is
   * an earlier start of this same replica, known dead. True when this one won.
   */
  public boolean takeOverFrom(String key, String owner, Instant now, String previousOwner) {
    return update(
            "UPDATE slack_message SET claimed_by = ?, claimed_at = ? WHERE msg_key = ?"
                + " AND ts IS NULL AND claimed_by = ?",
            ps -> {
              ps.setString(1, owner);
              ps.setObject(2, db(now));
              ps.setString(3, key);
              ps.setString(4, previousOwner);
            })
        == 1;
  }

  /** Takes over a claim whose holder never posted (it died mid-post); true when this one won. */
  public boolean takeOver(String key, String owner, Instant now, Instant claimedBefore) {
    return update(
            "UPDATE slack_message SET claimed_by = ?, claimed_at = ? WHERE msg_key = ?"
                + " AND ts IS NULL AND claimed_at < ?",
            ps -> {
              ps.setString(1, owner);
              ps.setObject(2, db(now));
              ps.setString(3, key);
              ps.setObject(4, db(claimedBefore));
            })
        == 1;
  }

  public void posted(String key, String channel, String ts, String hash, Instant now) {
    update(
        "UPDATE slack_message SET channel = ?, ts = ?, content_hash = ?, updated_at = ?"
            + " WHERE msg_key = ?",
        ps -> {
          ps.setString(1, channel);
          ps.setString(2, ts);
          ps.setString(3, hash);
          ps.setObject(4, db(now));
          ps.setString(5, key);
        });
  }

  public void updated(String key, String hash, Instant now) {
    update(
        "UPDATE slack_message SET content_hash = ?, updated_at = ? WHERE msg_key = ?",
        ps -> {
          ps.setString(1, hash);
          ps.setObject(2, db(now));
          ps.setString(3, key);
        });
  }

  /** Gives up a claim that was not posted, so that the next attempt can claim it again. */
  public void release(String key, String owner) {
    update(
        "DELETE FROM slack_message WHERE msg_key = ? AND ts IS NULL AND claimed_by = ?",
        ps -> {
          ps.setString(1, key);
          ps.setString(2, owner);
        });
  }

  /** Forgets a message Slack no longer has (deleted by someone); the next render posts it anew. */
  public void forget(String key) {
    update("DELETE FROM slack_message WHERE msg_key = ?", ps -> ps.setString(1, key));
  }

  /** Claims a one-off notice; true exactly once per key, across replicas and restarts. */
  public boolean claimNotice(String key, Instant now) {
    return insert(
        "INSERT INTO slack_notice (notice_key, sent_at) VALUES (?, ?)",
        ps -> {
          ps.setString(1, key);
          ps.setObject(2, db(now));
        });
  }

  public void homeOpened(String user, Instant now) {
    int changed =
        update(
            "UPDATE slack_home_viewer SET opened_at = ? WHERE user_id = ?",
            ps -> {
              ps.setObject(1, db(now));
              ps.setString(2, user);
            });
    if (changed == 0) {
      insert(
          "INSERT INTO slack_home_viewer (user_id, opened_at) VALUES (?, ?)",
          ps -> {
            ps.setString(1, user);
            ps.setObject(2, db(now));
          });
    }
  }

  /** People who opened the App Home since {@code since}, most recent first. */
  public List<String> homeViewers(Instant since, int limit) {
    return tx.executeRead(
        s ->
            jdbc.prepareStatement(
                "SELECT user_id FROM slack_home_viewer WHERE opened_at >= ?"
                    + " ORDER BY opened_at DESC LIMIT ?",
                ps -> {
                  ps.setObject(1, db(since));
                  ps.setInt(2, limit);
                  List<String> users = new ArrayList<>();
                  try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                      users.add(rs.getString(1));
                    }
                  }
                  return users;
                }));
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private int update(String sql, Binder binder) {
    return tx.executeWrite(
        s ->
            jdbc.prepareStatement(
                sql,
                ps -> {
                  binder.bind(ps);
                  return ps.executeUpdate();
                }));
  }

  /** True when the row was inserted, false when its key exists. */
  private boolean insert(String sql, Binder binder) {
    try {
      return update(sql, binder) == 1;
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SQLException sql2 && UNIQUE_VIOLATION.equals(sql2.getSQLState())) {
          return false;
        }
      }
      throw e;
    }
  }

  private static OffsetDateTime db(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }
}
