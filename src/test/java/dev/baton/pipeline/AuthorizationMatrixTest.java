package dev.baton.pipeline;

import static dev.baton.fakes.Fixtures.*;
import static dev.baton.testing.Builders.aPolicy;
import static dev.baton.testing.Builders.anEnvironment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Principals;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.port.AuditQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of actor × every action × every environment: allowed or denied exactly as the policy
 * says, and every denial audited with who tried what.
 */
class AuthorizationMatrixTest {
  static final List<String> ACTORS = List.of(REQUESTER, APPROVER_1, DEPLOYER, ADMIN, OUTSIDER);
  static final List<String> ENVS = List.of("test", "sandbox", "prod");
  static final List<String> ACTIONS =
      List.of("promote", "approve", "reject", "rollback", "freeze", "unfreeze", "audit");

  /**
   * The policy under test: one approval everywhere from {APPROVER_1, REQUESTER}; test lets anyone
   * deploy; sandbox and prod only {REQUESTER, DEPLOYER, APPROVER_1} and the admin; admins unfreeze.
   */
  static Pipeline pipeline() {
    Principals approvers = new Principals(Set.of(APPROVER_1, REQUESTER), Set.of());
    Principals deployers = new Principals(Set.of(REQUESTER, DEPLOYER, APPROVER_1), Set.of());
    Principals admins = new Principals(Set.of(ADMIN), Set.of());
    List<EnvironmentDefinition> envs = new ArrayList<>();
    for (String env : ENVS) {
      envs.add(
          anEnvironment(env)
              .policy(
                  aPolicy()
                      .requiring(1)
                      .approvers(approvers)
                      .deployers(env.equals("test") ? Principals.NOBODY : deployers)
                      .admins(admins))
              .build());
    }
    AppDefinition app = credreg().app("credreg").orElseThrow();
    return new Pipeline(envs, Map.of("credreg", app));
  }

  /** The expected answer, written out from the policy above. */
  static boolean allowed(String actor, String action, String env) {
    boolean deployer =
        env.equals("test") || Set.of(REQUESTER, DEPLOYER, APPROVER_1, ADMIN).contains(actor);
    return switch (action) {
      case "promote", "rollback", "freeze" -> deployer;
      case "approve" -> actor.equals(APPROVER_1); // the requester may not approve their own
      case "reject" -> actor.equals(APPROVER_1) || actor.equals(REQUESTER); // requester withdraws
      case "unfreeze" -> actor.equals(ADMIN);
        // Reading the audit log is open to everyone who can talk to Baton (in Slack, /audit answers
        // in the channel); over HTTP the read token guards it. Reading never writes.
      case "audit" -> true;
      default -> throw new IllegalArgumentException(action);
    };
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (String env : ENVS) {
      for (String action : ACTIONS) {
        for (String actor : ACTORS) {
          cases.add(Arguments.of(actor, action, env, allowed(actor, action, env)));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{1} in {2} by {0}: allowed={3}")
  @MethodSource("matrix")
  void policyDecidesAndDenialsAreAudited(String actor, String action, String env, boolean allowed) {
    TestPipeline t = new TestPipeline(pipeline(), new InMemoryPipelineStore());
    String pending = prepare(t, action, env);
    long auditBefore = t.store.audit(AuditQuery.latest(1)).get(0).seq();
    Throwable thrown = catchThrowable(() -> act(t, actor, action, env, pending));
    if (allowed) {
      assertThat(thrown).as("%s may %s in %s", actor, action, env).isNull();
    } else {
      assertThat(thrown).isInstanceOf(Refusal.class);
      assertThat(((Refusal) thrown).kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
      assertThat(thrown.getMessage()).startsWith("Not allowed: ").contains(env);
      List<AuditEvent> after =
          t.store.audit(AuditQuery.latest(5)).stream().filter(e -> e.seq() > auditBefore).toList();
      assertThat(after).as("exactly one audit event: the denial").hasSize(1);
      assertThat(after.get(0).action()).isEqualTo("denied." + action);
      assertThat(after.get(0).actor()).isEqualTo(actor);
      assertThat(after.get(0).env()).isEqualTo(env);
    }
  }

  /** Brings the pipeline to a state where the action is possible, but for authorisation. */
  private static String prepare(TestPipeline t, String action, String env) {
    int index = ENVS.indexOf(env);
    switch (action) {
      case "promote" -> {
        t.registerBuild(1);
        for (int i = 0; i < index; i++) {
          deploy(t, ENVS.get(i));
        }
        return null;
      }
      case "approve", "reject" -> {
        t.registerBuild(1);
        for (int i = 0; i < index; i++) {
          deploy(t, ENVS.get(i));
        }
        return t.core().promotions().request("credreg", env, null, REQUESTER).promotion().id();
      }
      case "rollback" -> {
        for (int n = 1; n <= 2; n++) {
          t.registerBuild(n);
          for (int i = 0; i <= index; i++) {
            deploy(t, ENVS.get(i));
          }
        }
        return null;
      }
      case "unfreeze" -> {
        t.registerBuild(1);
        t.core().freezes().freeze(env, null, "matrix", ADMIN);
        return null;
      }
      default -> {
        t.registerBuild(1);
        return null;
      }
    }
  }

  private static void deploy(TestPipeline t, String env) {
    Promotion p = t.core().promotions().request("credreg", env, null, DEPLOYER).promotion();
    t.core().promotions().approve(p.id(), APPROVER_1);
  }

  private static void act(TestPipeline t, String actor, String action, String env, String pending) {
    switch (action) {
      case "promote" -> t.core().promotions().request("credreg", env, null, actor);
      case "approve" -> t.core().promotions().approve(pending, actor);
      case "reject" -> t.core().promotions().reject(pending, actor, "matrix");
      case "rollback" -> t.core().rollbacks().rollback(env, "credreg", null, actor);
      case "freeze" -> t.core().freezes().freeze(env, Duration.ofHours(1), "matrix", actor);
      case "unfreeze" -> t.core().freezes().unfreeze(env, actor);
      case "audit" -> {
        long head = t.store.audit(AuditQuery.latest(1)).get(0).seq();
        List<AuditEvent> seen =
            t.store.audit(new AuditQuery("credreg", env, null, null, null, null, null, 40));
        assertThat(seen).allMatch(e -> env.equals(e.env()));
        assertThat(t.store.audit(AuditQuery.latest(1)).get(0).seq())
            .as("reading the log writes nothing")
            .isEqualTo(head);
      }
      default -> throw new IllegalArgumentException(action);
    }
  }
}
