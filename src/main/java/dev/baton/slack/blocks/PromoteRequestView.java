package dev.baton.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.CheckboxesElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.view.View;
import dev.baton.slack.commands.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The promotion request modal that {@code /promote} (with no app and environment) opens: app,
 * target environment, release tag, and the break-glass box with its reason and ticket. Its
 * submission is read by {@code PromoteForm}; block and action ids are the constants below, the
 * callback id is {@link ActionIds#PROMOTE_REQUEST}.
 *
 * <p>A {@code static_select} holds at most 100 options (of at most 75 characters of text and 150 of
 * value): beyond that, or for a longer name, the app or environment is a text field instead,
 * checked when the modal is submitted like everything else.
 */
public final class PromoteRequestView {
  public static final String APP = "app";
  public static final String ENV = "env";
  public static final String TAG = "tag";
  public static final String BREAK_GLASS = "break_glass";
  public static final String REASON = "reason";
  public static final String TICKET = "ticket";

  /** The value of the one option of the break-glass checkbox. */
  public static final String BREAK_GLASS_TICKED = "break-glass";

  /** Slack's limits for a {@code static_select} (protocols.md §E). */
  static final int MAX_OPTIONS = 100;

  static final int MAX_OPTION_TEXT = 75;
  static final int MAX_OPTION_VALUE = 150;

  /** The break-glass notice quotes up to 1500 characters of the reason; so does the modal. */
  public static final int REASON_MAX = 1500;

  /** A ticket reference is at most 64 characters ({@code --ticket} takes no more). */
  public static final int TICKET_MAX = 64;

  /** Release tags are 15 characters or a 40-hex SHA; longer input is refused, not cut. */
  public static final int TAG_MAX = 64;

  private static final Pattern CHANNEL = Pattern.compile("[CDG][A-Z0-9]{1,40}");
  private static final Pattern METADATA_CHANNEL =
      Pattern.compile("\\{\"channel_id\":\"([CDG][A-Z0-9]{1,40})\"}");

  private PromoteRequestView() {}

  /**
   * The modal for {@code words}' apps and the chain's targets (every environment but the first).
   *
   * @param app the app to preselect, or null
   * @param channel the channel of the command, where the answer goes (null: a direct message)
   */
  public static View of(Vocabulary words, String app, String channel) {
    List<String> targets =
        words.envs().subList(Math.min(1, words.envs().size()), words.envs().size());
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(
        context(
            List.of(
                markdownText(
                    "Promotes what runs in the previous environment, as `/promote` does; the"
                        + " request and its approvals appear in the release's thread."))));
    blocks.add(
        input(
            i ->
                i.blockId(APP)
                    .label(plainText("App"))
                    .element(choice(APP, "Choose an app", sorted(words), app))));
    String only = targets.size() == 1 ? targets.get(0) : null;
    blocks.add(
        input(
            i ->
                i.blockId(ENV)
                    .label(plainText("Environment"))
                    .hint(
                        plainText("Where the release goes; it comes from the environment before."))
                    .element(choice(ENV, "Choose an environment", targets, only))));
    blocks.add(
        input(
            i ->
                i.blockId(TAG)
                    .label(plainText("Release tag"))
                    .optional(true)
                    .hint(
                        plainText(
                            "YYYY.MM.DD.NNNN or a commit SHA. Empty: what runs in the previous"
                                + " environment."))
                    .element(text(TAG, "2026.11.22.0001", false, TAG_MAX))));
    blocks.add(
        input(
            i ->
                i.blockId(BREAK_GLASS)
                    .label(plainText("Break glass"))
                    .optional(true)
                    .element(
                        CheckboxesElement.builder()
                            .actionId(BREAK_GLASS)
                            .options(
                                List.of(
                                    OptionObject.builder()
                                        .text(plainText("Break glass (incident only)"))
                                        .description(
                                            plainText(
                                                "May override freezes, windows and bake time;"
                                                    + " needs break-glass approvers"))
                                        .value(BREAK_GLASS_TICKED)
                                        .build()))
                            .build())));
    blocks.add(
        input(
            i ->
                i.blockId(REASON)
                    .label(plainText("Reason"))
                    .optional(true)
                    .hint(
                        plainText("Required to break glass; announced in the channel and audited."))
                    .element(text(REASON, "checkout down for everyone", true, REASON_MAX))));
    blocks.add(
        input(
            i ->
                i.blockId(TICKET)
                    .label(plainText("Ticket"))
                    .optional(true)
                    .hint(
                        plainText(
                            "An incident or change reference. Empty: the first one written in the"
                                + " reason, if any."))
                    .element(text(TICKET, "INC-123", false, TICKET_MAX))));
    return view(
        v ->
            v.type("modal")
                .callbackId(ActionIds.PROMOTE_REQUEST)
                .title(viewTitle(t -> t.type("plain_text").text("Request a promotion")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Request")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .privateMetadata(metadata(channel))
                .blocks(blocks));
  }

  /** {@code {"channel_id":"C…"}}, or empty when there is no (usable) channel. */
  public static String metadata(String channel) {
    return channel != null && CHANNEL.matcher(channel).matches()
        ? "{\"channel_id\":\"" + channel + "\"}"
        : "";
  }

  /** The channel {@link #metadata} carries, or null. */
  public static String channelOf(String metadata) {
    if (metadata == null) {
      return null;
    }
    Matcher m = METADATA_CHANNEL.matcher(metadata.strip());
    return m.matches() ? m.group(1) : null;
  }

  /** A static select of {@code names}, or a text field when Slack's select cannot hold them. */
  private static BlockElement choice(
      String actionId, String placeholder, List<String> names, String initial) {
    boolean fits =
        !names.isEmpty()
            && names.size() <= MAX_OPTIONS
            && names.stream()
                .allMatch(n -> n.length() <= MAX_OPTION_TEXT && n.length() <= MAX_OPTION_VALUE);
    if (!fits) {
      PlainTextInputElement field = text(actionId, placeholder, false, 255);
      field.setInitialValue(initial);
      return field;
    }
    List<OptionObject> options =
        names.stream()
            .map(n -> OptionObject.builder().text(plainText(n)).value(n).build())
            .toList();
    return StaticSelectElement.builder()
        .actionId(actionId)
        .placeholder(plainText(placeholder))
        .options(options)
        .initialOption(
            options.stream().filter(o -> o.getValue().equals(initial)).findFirst().orElse(null))
        .build();
  }

  private static PlainTextInputElement text(
      String actionId, String placeholder, boolean multiline, int maxLength) {
    return PlainTextInputElement.builder()
        .actionId(actionId)
        .placeholder(plainText(placeholder))
        .multiline(multiline)
        .maxLength(maxLength)
        .build();
  }

  private static List<String> sorted(Vocabulary words) {
    return words.apps().stream().sorted().toList();
  }
}
