package dev.baton.pipeline.guard;

import static dev.baton.fakes.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.EnvironmentDefinition;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthorizationGuardTest {
  static final AuthorizationGuard GUARD =
      new AuthorizationGuard((user, group) -> GROUP_SRE.equals(group) && GROUP_MEMBER.equals(user));

  static EnvironmentDefinition env(String name) {
    return Fixtures.credreg().env(name).orElseThrow();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // action, env, user, requester, allowed
        Arguments.of("deploy", "prod", DEPLOYER, null, true),
        Arguments.of("deploy", "prod", ADMIN, null, true),
        Arguments.of("deploy", "prod", OUTSIDER, null, false),
        Arguments.of("deploy", "test", OUTSIDER, null, true), // test lists no deployers
        Arguments.of("approve", "prod", APPROVER_1, REQUESTER, true),
        Arguments.of("approve", "prod", GROUP_MEMBER, REQUESTER, true), // through the user group
        Arguments.of("approve", "prod", REQUESTER, REQUESTER, false), // self-approval
        Arguments.of("approve", "prod", OUTSIDER, REQUESTER, false),
        Arguments.of("approve", "prod", DEPLOYER, REQUESTER, false),
        Arguments.of("approve", "prod", ADMIN, REQUESTER, false), // admins are not approvers
        Arguments.of("unfreeze", "prod", ADMIN, null, true),
        Arguments.of("unfreeze", "prod", DEPLOYER, null, false),
        Arguments.of("unfreeze", "prod", OUTSIDER, null, false));
  }

  @ParameterizedTest(name = "{0} in {1} by {2}: {4}")
  @MethodSource("cases")
  void policyDecides(
      String action, String envName, String user, String requester, boolean allowed) {
    EnvironmentDefinition env = env(envName);
    Verdict v =
        switch (action) {
          case "deploy" -> GUARD.mayDeploy(env, user);
          case "approve" -> GUARD.mayApprove(env, user, requester);
          default -> GUARD.mayUnfreeze(env, user);
        };
    assertThat(v.allowed()).isEqualTo(allowed);
    if (!allowed) {
      assertThat(((Verdict.Denied) v).reason()).contains(envName);
    }
  }
}
