package dev.baton.slack.blocks;

import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.element.ButtonElement;
import java.util.Locale;

/** Baton's buttons, one builder each, with their confirm dialogs. */
public final class Buttons {
  private Buttons() {}

  public static ButtonElement approve(String promotionId, String env, String tag, boolean last) {
    return approve(promotionId, env, tag, last, false);
  }

  /**
   * Approve, with a confirm dialog in the last environment of the chain and for every break-glass
   * promotion, which says what that approval overrides.
   */
  public static ButtonElement approve(
      String promotionId, String env, String tag, boolean last, boolean breakGlass) {
    if (breakGlass) {
      return button(
          b ->
              b.actionId(ActionIds.APPROVE)
                  .text(plainText("Approve break-glass"))
                  .style("danger")
                  .value(promotionId)
                  .confirm(
                      confirm(
                          "Approve break-glass for " + env.toUpperCase(Locale.ROOT) + "?",
                          "Your approval lets *"
                              + Text.escape(tag)
                              + "* go to *"
                              + Text.escape(env)
                              + "* once every break-glass approval is in, overriding freezes,"
                              + " windows, blackouts and the minimum bake time.",
                          "Approve",
                          "danger")));
    }
    return button(
        b ->
            b.actionId(ActionIds.APPROVE)
                .text(plainText("Approve"))
                .style("primary")
                .value(promotionId)
                .confirm(
                    last
                        ? confirm(
                            "Approve for " + env.toUpperCase(Locale.ROOT) + "?",
                            "Your approval lets *"
                                + Text.escape(tag)
                                + "* go to *"
                                + Text.escape(env)
                                + "* once every approval is in and the bake time has passed.",
                            "Approve",
                            "primary")
                        : null));
  }

  public static ButtonElement reject(String promotionId) {
    return button(
        b ->
            b.actionId(ActionIds.REJECT)
                .text(plainText("Reject"))
                .style("danger")
                .value(promotionId));
  }

  /** The requester's Reject: it withdraws the request (the same action, named for what it does). */
  public static ButtonElement withdraw(String promotionId) {
    return button(b -> b.actionId(ActionIds.REJECT).text(plainText("Withdraw")).value(promotionId));
  }

  public static ButtonElement promote(String app, String env, String tag, boolean last) {
    String label = "Promote to " + env;
    return button(
        b ->
            b.actionId(ActionIds.PROMOTE)
                .text(plainText(Text.clip(label, Text.BUTTON)))
                .style("primary")
                .value(new ButtonValue(app, env, tag, null).encode())
                .confirm(
                    last
                        ? confirm(
                            Text.clip("Promote to " + env + "?", Text.CONFIRM_TITLE),
                            "Request the promotion of *"
                                + Text.escape(app)
                                + "* `"
                                + Text.escape(tag)
                                + "` to *"
                                + Text.escape(env)
                                + "*. It still needs its approvals.",
                            "Request",
                            "primary")
                        : null));
  }

  public static ButtonElement rollback(String app, String env, String target, String from) {
    return button(
        b ->
            b.actionId(ActionIds.ROLLBACK)
                .text(plainText(Text.clip("Roll back " + env, Text.BUTTON)))
                .style("danger")
                .value(new ButtonValue(app, env, target, from).encode())
                .confirm(
                    confirm(
                        Text.clip("Roll back " + env + "?", Text.CONFIRM_TITLE),
                        "Put *"
                            + Text.escape(app)
                            + "* `"
                            + Text.escape(target)
                            + "` back into *"
                            + Text.escape(env)
                            + "*"
                            + (from == null
                                ? ""
                                : from.equals(target)
                                    ? ", replacing what the failed deployment left running"
                                    : ", replacing `" + Text.escape(from) + "`")
                            + ". Migrations are not run again.",
                        "Roll back",
                        "danger")));
  }

  private static ConfirmationDialogObject confirm(
      String title, String text, String yes, String style) {
    return confirmationDialog(
        c ->
            c.title(plainText(Text.clip(title, Text.CONFIRM_TITLE)))
                .text(markdownText(Text.clip(text, Text.CONFIRM_TEXT)))
                .confirm(plainText(Text.clip(yes, Text.CONFIRM_BUTTON)))
                .deny(plainText("Cancel"))
                .style(style));
  }
}
