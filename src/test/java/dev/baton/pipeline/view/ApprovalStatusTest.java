package dev.baton.pipeline.view;

import static dev.baton.testing.Builders.aPolicy;
import static dev.baton.testing.Builders.aPromotion;
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
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may still approve, and whether enough of them are left, for every shape of policy. */
class ApprovalStatusTest {
  static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

  static Stream<Arguments> cases() {
    return Stream.of(
        // name, approver users, groups, self-approval forbidden, need, approved by,
        // eligible users, requester excluded, enough
        Arguments.of(
            "requester left out when self-approval is forbidden",
            Set.of("UREQ", "UA", "UB"),
            Set.of(),
            true,
            2,
            List.of(),
            Set.of("UA", "UB"),
            true,
            true),
        Arguments.of(
            "requester counts when the policy allows it",
            Set.of("UREQ", "UA"),
            Set.of(),
            false,
            2,
            List.of(),
            Set.of("UREQ", "UA"),
            false,
            true),
        Arguments.of(
            "whoever approved is no longer asked",
            Set.of("UREQ", "UA", "UB"),
            Set.of(),
            true,
            2,
            List.of("UA"),
            Set.of("UB"),
            true,
            true),
        Arguments.of(
            "prod needs 2; only 1 eligible besides the requester",
            Set.of("UREQ", "UA"),
            Set.of(),
            true,
            2,
            List.of(),
            Set.of("UA"),
            true,
            false),
        Arguments.of(
            "a group may hold anyone: counted as enough",
            Set.of("UREQ"),
            Set.of("SREL"),
            true,
            2,
            List.of(),
            Set.of(),
            true,
            true),
        Arguments.of(
            "nobody left after the only other approver approved",
            Set.of("UREQ", "UA"),
            Set.of(),
            true,
            2,
            List.of("UA"),
            Set.of(),
            true,
            false),
        Arguments.of(
            "every approval in: enough whoever is left",
            Set.of("UREQ", "UA"),
            Set.of(),
            true,
            1,
            List.of("UA"),
            Set.of(),
            true,
            true),
        Arguments.of(
            "requester not an approver at all: nothing to exclude",
            Set.of("UA", "UB"),
            Set.of(),
            true,
            2,
            List.of(),
            Set.of("UA", "UB"),
            false,
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eligibleApprovers(
      String name,
      Set<String> users,
      Set<String> groups,
      boolean selfForbidden,
      int need,
      List<String> approvedBy,
      Set<String> eligible,
      boolean requesterExcluded,
      boolean enough) {
    EnvironmentPolicy policy = policy(new Principals(users, groups), selfForbidden, need);
    Promotion p = promotion("UREQ");
    List<Approval> given = approvedBy.stream().map(u -> new Approval(p.id(), u, NOW)).toList();

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
