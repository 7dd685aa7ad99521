package dev.baton.pipeline.view;

import static dev.baton.testing.Builders.aPolicy;
import static dev.baton.testing.Builders.aPromotion;
import static dev.baton.testing.Builders.anApproval;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.model.Approval;
import dev.baton.pipeline.model.EnvironmentPolicy;
import dev.baton.pipeline.model.Principals;
import dev.baton.pipeline.model.Promotion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may still approve, and whether enough of them are left, for every shape of policy. */
class ApprovalStatusTest {
  static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

  /**
   * approvers: the policy's approver users; no self: self-approval forbidden; eligible: the users
   * still able to approve; req. out: the requester excluded; enough: enough eligible are left.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # name                                               | approvers  | groups | no self | need | approved | eligible | req. out | enough
          requester left out when self-approval is forbidden   | UREQ UA UB |        | true    | 2    |          | UA UB    | true     | true
          requester counts when the policy allows it           | UREQ UA    |        | false   | 2    |          | UREQ UA  | false    | true
          whoever approved is no longer asked                  | UREQ UA UB |        | true    | 2    | UA       | UB       | true     | true
          prod needs 2; only 1 eligible besides the requester  | UREQ UA    |        | true    | 2    |          | UA       | true     | false
          a group may hold anyone: counted as enough           | UREQ       | SREL   | true    | 2    |          |          | true     | true
          nobody left after the only other approver approved   | UREQ UA    |        | true    | 2    | UA       |          | true     | false
          every approval in: enough whoever is left            | UREQ UA    |        | true    | 1    | UA       |          | true     | true
          requester not an approver at all: nothing to exclude | UA UB      |        | true    | 2    |          | UA UB    | false    | true
          """)
  void eligibleApprovers(
      String name,
      String userList,
      String groupList,
      boolean selfForbidden,
      int need,
      String approvedByList,
      String eligibleList,
      boolean requesterExcluded,
      boolean enough) {
    Set<String> users = Set.copyOf(words(userList));
    Set<String> groups = Set.copyOf(words(groupList));
    List<String> approvedBy = words(approvedByList);
    Set<String> eligible = Set.copyOf(words(eligibleList));
    EnvironmentPolicy policy = policy(new Principals(users, groups), selfForbidden, need);
    Promotion p = promotion("UREQ");
    List<Approval> given =
        approvedBy.stream().map(u -> anApproval().of(p).by(u).at(NOW).build()).toList();

    ApprovalStatus s = ApprovalStatus.of(policy, p, given);

    assertThat(s.have()).isEqualTo(approvedBy.size());
    assertThat(s.need()).isEqualTo(need);
    assertThat(s.missing()).isEqualTo(Math.max(0, need - approvedBy.size()));
    assertThat(s.eligible().users()).isEqualTo(eligible);
    assertThat(s.eligible().groups()).isEqualTo(groups);
    assertThat(s.requesterExcluded()).isEqualTo(requesterExcluded);
    assertThat(s.enoughEligible()).isEqualTo(enough);
    approvedBy.forEach(u -> assertThat(s.approvedBy(u)).isTrue());
  }

  /** The space-separated words of a cell; none for an empty one. */
  static List<String> words(String cell) {
    return cell == null ? List.of() : List.of(cell.trim().split(" +"));
  }

  static EnvironmentPolicy policy(Principals approvers, boolean selfForbidden, int need) {
    return aPolicy()
        .requiring(need)
        .approvers(approvers)
        .deployers(Principals.NOBODY)
        .admins(Principals.NOBODY)
        .selfApprovalForbidden(selfForbidden)
        .autoRollback(false)
        .build();
  }

  static Promotion promotion(String requester) {
    return aPromotion()
        .release("2026.11.22.0001", Map.of("main-app", "sha256:" + "a".repeat(64)))
        .requestedBy(requester)
        .requestedAt(NOW)
        .expiresAt(NOW.plus(Duration.ofHours(24)))
        .updatedAt(NOW)
        .build();
  }
}
