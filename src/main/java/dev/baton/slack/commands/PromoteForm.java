package dev.baton.slack.commands;

import static dev.baton.slack.blocks.PromoteRequestView.APP;
import static dev.baton.slack.blocks.PromoteRequestView.BREAK_GLASS;
import static dev.baton.slack.blocks.PromoteRequestView.ENV;
import static dev.baton.slack.blocks.PromoteRequestView.REASON;
import static dev.baton.slack.blocks.PromoteRequestView.TAG;
import static dev.baton.slack.blocks.PromoteRequestView.TICKET;

import com.slack.api.model.view.ViewState;
import dev.baton.pipeline.model.BreakGlass;
import dev.baton.pipeline.model.Digests;
import dev.baton.slack.blocks.PromoteRequestView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a submitted promotion request modal ({@link PromoteRequestView}) into the request {@code
 * /promote} would make, or into the errors Slack shows under each field (keyed by block id). Pure:
 * runs before the acknowledgement, so that bad input keeps the modal open and creates nothing.
 */
public final class PromoteForm {
  /**
   * What a submission says.
   *
   * @param request the request, when {@code errors} is empty; else null
   * @param errors block id → what is wrong there, in the order of the fields
   */
  public record Read(PromoteCommand.Request request, Map<String, String> errors) {
    public Read {
      errors = errors == null ? Map.of() : java.util.Collections.unmodifiableMap(errors);
    }

    public boolean valid() {
      return request != null;
    }
  }

  private PromoteForm() {}

  /**
   * @param values the view's {@code state.values}: block id → action id → value (null: nothing)
   */
  public static Read read(Map<String, Map<String, ViewState.Value>> values, Vocabulary words) {
    Map<String, Map<String, ViewState.Value>> v = values == null ? Map.of() : values;
    Map<String, String> errors = new LinkedHashMap<>();
    String app = value(v, APP);
    if (app == null) {
      errors.put(APP, "Choose an app.");
    } else if (!words.isApp(app)) {
      errors.put(
          APP,
          "Baton has no app “"
              + clip(app)
              + "”."
              + (words.apps().isEmpty()
                  ? " No apps are configured."
                  : " Apps: " + String.join(", ", new TreeSet<>(words.apps())) + "."));
    }
    String env = value(v, ENV);
    if (env == null) {
      errors.put(ENV, "Choose an environment.");
    } else if (!words.isEnv(env)) {
      errors.put(ENV, "No environment “" + clip(env) + "”; the chain is " + words.chain() + ".");
    } else if (words.envs().get(0).equals(env)) {
      errors.put(
          ENV, env + " is the first environment: builds go there by themselves, not by promotion.");
    }
    String tag = value(v, TAG);
    if (tag != null && !Digests.isReleaseTag(tag)) {
      errors.put(
          TAG, "“" + clip(tag) + "” is not a release tag: YYYY.MM.DD.NNNN or a 40-hex commit SHA.");
    }
    boolean breaksGlass = ticked(v);
    String reason = value(v, REASON);
    reason = reason == null ? null : reason.replaceAll("\\s+", " ");
    String ticket = value(v, TICKET);
    if (breaksGlass) {
      if (reason == null) {
        errors.put(REASON, "Breaking glass needs a reason: what is broken, for whom.");
      } else if (reason.length() > PromoteRequestView.REASON_MAX) {
        errors.put(
            REASON, "Keep the reason under " + PromoteRequestView.REASON_MAX + " characters.");
      }
      if (ticket != null && !PromoteCommand.TICKET_REF.matcher(ticket).matches()) {
        errors.put(TICKET, "“" + clip(ticket) + "” is not a ticket reference such as INC-123.");
      }
    } else if (reason != null || ticket != null) {
      errors.put(
          BREAK_GLASS,
          "A reason and a ticket are only for breaking glass: tick the box, or clear them.");
    }
    if (!errors.isEmpty()) {
      return new Read(null, errors);
    }
    BreakGlass glass = breaksGlass ? BreakGlass.of(reason, ticket) : null;
    return new Read(new PromoteCommand.Request(app, env, tag, glass), Map.of());
  }

  /** The field's text or selected option, stripped; null when empty. */
  private static String value(Map<String, Map<String, ViewState.Value>> values, String block) {
    ViewState.Value field = field(values, block);
    if (field == null) {
      return null;
    }
    String s =
        field.getSelectedOption() != null ? field.getSelectedOption().getValue() : field.getValue();
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static boolean ticked(Map<String, Map<String, ViewState.Value>> values) {
    ViewState.Value field = field(values, BREAK_GLASS);
    List<ViewState.SelectedOption> selected = field == null ? null : field.getSelectedOptions();
    return selected != null
        && selected.stream()
            .anyMatch(o -> o != null && PromoteRequestView.BREAK_GLASS_TICKED.equals(o.getValue()));
  }

  private static ViewState.Value field(
      Map<String, Map<String, ViewState.Value>> values, String block) {
    Map<String, ViewState.Value> actions = values.get(block);
    return actions == null ? null : actions.get(block); // each element's action id is its block's
  }

  /** Echoes of the input stay short: an error text is at most 2000 characters. */
  private static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 79) + "…";
  }
}
