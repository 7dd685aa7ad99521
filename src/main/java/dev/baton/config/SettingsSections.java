package dev.baton.config;

import dev.baton.api.ApiSettings;
import dev.baton.cluster.ClusterSettings;
import dev.baton.cluster.SmokeSettings;
import dev.baton.slack.SlackSettings;
import dev.baton.slack.SlackTuning;
import io.micronaut.core.naming.NameUtils;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings read outside the pipeline, one record (or two) per prefix. Their keys are the
 * records' components in kebab-case, so a new component is a known, checked key at once.
 */
final class SettingsSections {
  /** One prefix, e.g. {@code baton.runner}, and the records bound from it. */
  record Section(String prefix, List<Class<? extends Record>> records) {
    Set<String> keys() {
      return keysOf(records);
    }
  }

  static final List<Section> ALL =
      List.of(
          new Section(RunnerSettings.PREFIX, List.of(RunnerSettings.class)),
          new Section(ClusterSettings.PREFIX, List.of(ClusterSettings.class)),
          new Section(SmokeSettings.PREFIX, List.of(SmokeSettings.class)),
          new Section(SlackTuning.PREFIX, List.of(SlackTuning.class, SlackSettings.class)),
          new Section(ApiSettings.PREFIX, List.of(ApiSettings.class)),
          new Section(DoraSettings.PREFIX, List.of(DoraSettings.class)));

  private SettingsSections() {}

  /** The section of {@code baton.<segment>}, if Baton has one. */
  static Optional<Section> of(String segment) {
    return ALL.stream().filter(s -> s.prefix().equals("baton." + segment)).findFirst();
  }

  /** The kebab-case keys of the records' components, without {@code name} and {@code index}. */
  @SafeVarargs
  static Set<String> keysOf(Class<? extends Record>... records) {
    return keysOf(List.of(records));
  }

  static Set<String> keysOf(List<Class<? extends Record>> records) {
    Set<String> keys = new TreeSet<>();
    for (Class<? extends Record> r : records) {
      Arrays.stream(r.getRecordComponents())
          .map(RecordComponent::getName)
          .filter(n -> !n.equals("name") && !n.equals("index"))
          .map(NameUtils::hyphenate)
          .forEach(keys::add);
    }
    return Set.copyOf(keys);
  }
}
