package dev.baton.config;

import dev.baton.config.AppProperties.MigrationProperties;
import dev.baton.config.EnvironmentProperties.PolicyProperties;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.EnvironmentPolicy;
import dev.baton.pipeline.model.GitTarget;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Principals;
import dev.baton.pipeline.model.SmokeCheck;
import dev.baton.pipeline.model.SourceRepository;
import dev.baton.pipeline.model.Workload;
import io.micronaut.core.value.PropertyResolver;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns validated configuration records into the core's {@link Pipeline}. */
final class PipelineAssembly {
  private PipelineAssembly() {}

  static Pipeline pipeline(
      List<EnvironmentProperties> chain, List<AppProperties> apps, PropertyResolver resolver) {
    Map<String, AppDefinition> byName = new LinkedHashMap<>();
    apps.stream()
        .sorted(Comparator.comparing(AppProperties::name))
        .forEach(a -> byName.put(a.name(), app(a, AppAnalysisRules.policies(a, chain, resolver))));
    return new Pipeline(chain.stream().map(PipelineAssembly::environment).toList(), byName);
  }

  static EnvironmentDefinition environment(EnvironmentProperties e) {
    var c = e.cluster();
    return new EnvironmentDefinition(
        e.name(),
        c.kubeconfig(),
        c.context(),
        c.namespace() == null ? e.name() : c.namespace(),
        policy(e.policy()),
        WindowRules.schedule(e),
        e.gitops() ? gitTarget(e.git()) : null,
        AnalysisRules.policy(e));
  }

  private static GitTarget gitTarget(EnvironmentProperties.GitProperties g) {
    return new GitTarget(g.url(), g.branch(), g.path(), g.syncTimeout());
  }

  private static EnvironmentPolicy policy(PolicyProperties p) {
    return new EnvironmentPolicy(
        p.autoDeploy(),
        p.requiredApprovals(),
        Principals.of(p.approvers()),
        Principals.of(p.deployers()),
        Principals.of(p.admins()),
        p.selfApprovalForbidden(),
        p.minimumBake(),
        p.approvalTtl(),
        p.rollbackApprovals(),
        p.autoRollback(),
        p.pointerTags(),
        p.freezeAfterRollback(),
        p.reminderBefore(),
        p.breakGlassApprovals(),
        Principals.of(p.breakGlassApprovers()));
  }

  private static AppDefinition app(AppProperties a, Map<String, AnalysisPolicy> analysis) {
    return new AppDefinition(
        a.name(),
        a.workloads().stream()
            .map(w -> new Workload(w.name(), w.deployment(), w.container(), w.repository()))
            .toList(),
        a.registry(),
        a.migration() == null ? null : migration(a.migration()),
        a.smokeChecks().stream()
            .map(
                s ->
                    new SmokeCheck(
                        s.env(), s.url(), s.expectedStatus(), s.revisionField(), s.deadline()))
            .toList(),
        a.channel(),
        a.source() == null || a.source().url() == null
            ? null
            : new SourceRepository(a.source().url(), a.source().compare()),
        analysis);
  }

  private static Migration migration(MigrationProperties m) {
    return new Migration(
        m.workload(),
        m.phase(),
        m.command(),
        m.env(),
        m.copyEnvFromDeployment(),
        m.serviceAccount(),
        m.backoffLimit(),
        m.activeDeadline());
  }
}
