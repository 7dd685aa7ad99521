package dev.baton.slack.blocks;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.view.Views.view;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import dev.baton.pipeline.PipelineQueries;
import dev.baton.pipeline.ThreeWayDrift;
import dev.baton.pipeline.dora.DoraFigures;
import dev.baton.pipeline.guard.Durations;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.UnrecordedImages;
import dev.baton.pipeline.view.ApprovalStatus;
import dev.baton.pipeline.view.BakeHealthView;
import dev.baton.pipeline.view.Offer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The App Home tab: a board of apps × environments and the approvals waiting, with buttons. */
public final class HomeView {
  /** Slack's limit for a Home tab. */
  public static final int MAX_BLOCKS = 100;

  private HomeView() {}

  public static View build(HomeBoard board) {
    return view(v -> v.type("home").blocks(blocks(board)));
  }

  public static List<LayoutBlock> blocks(HomeBoard board) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.text(plainText("Baton — releases"))));
    if (board.notice() != null) {
      blocks.add(section(s -> s.text(markdownText(Text.clip(board.notice(), Text.SECTION)))));
    }
    blocks.add(
        context(
            c ->
                c.elements(
                    List.of(
                        markdownText(
                            "Updated "
                                + Text.date(board.now())
                                + " · chain "
                                + String.join(" → ", board.chain())
                                + " · `/baton help` for commands")))));
    // Keep room for the pending approvals and the "more" notes.
    int budget = MAX_BLOCKS - blocks.size() - 4;
    int shownApps = 0;
    for (PipelineQueries.AppState app : board.apps()) {
      if (budget < 2 + Math.min(board.pending().size(), 1) * 2) {
        break;
      }
      String text =
          appText(app, board.unrecordedOf(app.app()), board.gitDriftOf(app.app()), board.now());
      blocks.add(section(s -> s.text(markdownText(text))));
      blocks.add(divider());
      budget -= 2;
      shownApps++;
    }
    if (shownApps < board.apps().size()) {
      int more = board.apps().size() - shownApps;
      blocks.add(note("… and " + more + " more apps: use `/baton status <app>`"));
    }
    if (!board.pending().isEmpty()) {
      blocks.add(header(h -> h.text(plainText("Waiting for approval"))));
      int room = MAX_BLOCKS - blocks.size() - 1;
      int shown = 0;
      for (HomeBoard.Pending p : board.pending()) {
        if (room < 2) {
          break;
        }
        Promotion pr = p.promotion();
        blocks.add(section(s -> s.text(markdownText(pendingText(p, board)))));
        List<BlockElement> buttons = new ArrayList<>();
        if (p.offers().contains(Offer.APPROVE)) {
          buttons.add(
              Buttons.approve(
                  pr.id(), pr.env(), pr.releaseTag(), p.status().lastEnv(), pr.breaksGlass()));
        }
        if (p.offers().contains(Offer.REJECT)) {
          buttons.add(Buttons.reject(pr.id()));
        }
        if (p.offers().contains(Offer.WITHDRAW)) {
          buttons.add(Buttons.withdraw(pr.id()));
        }
        if (!buttons.isEmpty()) {
          blocks.add(actions(a -> a.blockId("home:" + pr.id()).elements(buttons)));
        }
        room -= 2;
        shown++;
      }
      if (shown < board.pending().size()) {
        blocks.add(note("… and " + (board.pending().size() - shown) + " more waiting"));
      }
    }
    addDora(blocks, board);
    return blocks;
  }

  /**
   * The DORA figures of each app that deployed in the period, after what needs someone's hand
   * (releases, approvals), in the blocks that are left.
   */
  private static void addDora(List<LayoutBlock> blocks, HomeBoard board) {
    List<List<DoraFigures>> shown = new ArrayList<>();
    for (PipelineQueries.AppState app : board.apps()) {
      List<DoraFigures> lanes = board.dora().getOrDefault(app.app(), List.of());
      if (lanes.stream().anyMatch(f -> f.frequency().deployments() > 0 || f.restore().open() > 0)) {
        shown.add(lanes);
      }
    }
    if (shown.isEmpty() || MAX_BLOCKS - blocks.size() < 3) {
      return;
    }
    blocks.add(header(h -> h.text(plainText("Delivery (DORA), last 30 days"))));
    int room = MAX_BLOCKS - blocks.size() - 1;
    int count = 0;
    for (List<DoraFigures> lanes : shown) {
      if (room < 2) {
        break;
      }
      String text = Text.clip(DoraTable.appText(lanes), Text.SECTION);
      blocks.add(section(s -> s.text(markdownText(text))));
      room--;
      count++;
    }
    String more = count < shown.size() ? (shown.size() - count) + " more apps; " : "";
    blocks.add(
        note(more + "median/p90 and DORA band per figure · `/baton dora <app> --since 90d`"));
  }

  private static LayoutBlock note(String text) {
    return context(c -> c.elements(List.of(markdownText(text))));
  }

  /** One app across the chain: current release, age, bake progress, freeze, open promotions. */
  public static String appText(PipelineQueries.AppState app, Instant now) {
    return appText(app, Map.of(), now);
  }

  /**
   * The same, naming what runs in an environment where Baton recorded no deployment ({@code
   * unrecorded}: environment → images).
   */
  public static String appText(
      PipelineQueries.AppState app, Map<String, UnrecordedImages> unrecorded, Instant now) {
    return appText(app, unrecorded, Map.of(), now);
  }

  /**
   * The same, with each GitOps environment's three-way drift ({@code git}: environment → drift) on
   * a line under it.
   */
  public static String appText(
      PipelineQueries.AppState app,
      Map<String, UnrecordedImages> unrecorded,
      Map<String, ThreeWayDrift> git,
      Instant now) {
    List<String> lines = new ArrayList<>();
    lines.add("*" + Text.escape(app.app()) + "*");
    List<PipelineQueries.EnvironmentState> envs = app.environments();
    for (int i = 0; i < envs.size(); i++) {
      PipelineQueries.EnvironmentState e = envs.get(i);
      StringBuilder b = new StringBuilder();
      b.append("*").append(Text.escape(e.env().toUpperCase(Locale.ROOT))).append("* ");
      if (e.current() == null && unrecorded.containsKey(e.env())) {
        b.append("— ").append(UnrecordedText.runs(unrecorded.get(e.env())));
      } else if (e.current() == null) {
        b.append("— nothing deployed yet");
      } else {
        b.append(Text.code(e.current().releaseTag()))
            .append(" · ")
            .append(Durations.human(Duration.between(e.current().completedAt(), now)))
            .append(" ago");
        if (e.bakeRemainingForNext() != null && i + 1 < envs.size()) {
          b.append(" · bake for ")
              .append(Text.escape(envs.get(i + 1).env()))
              .append(": ")
              .append(bakeLeft(e.bakeRemainingForNext(), e.bakeHealthForNext()));
        }
      }
      if (e.freeze() != null) {
        b.append(" · 🧊 frozen by ").append(Text.user(e.freeze().frozenBy()));
        if (e.freeze().until() != null) {
          b.append(" until ").append(Text.date(e.freeze().until()));
        }
      }
      if (git.containsKey(e.env())) {
        b.append("\n      ⎇ ").append(GitDriftText.line(git.get(e.env())));
      }
      for (Promotion p : e.openPromotions()) {
        b.append("\n      ↳ ")
            .append(p.state() == PromotionState.PENDING_APPROVAL ? "🕐 " : "⏳ ")
            .append(Text.code(p.releaseTag()))
            .append(" ")
            .append(p.state().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (p.state() == PromotionState.PENDING_APPROVAL) {
          b.append(" (").append(e.approvals()).append(" approvals so far)");
        }
        if (p.state() == PromotionState.RUNNING) {
          b.append(" at ").append(PromotionMessage.label(p.step()));
          b.append(
              e.runnerInstance() == null
                  ? ", waiting for a replica to take it over"
                  : ", driven by " + Text.code(e.runnerInstance()));
        }
      }
      lines.add(b.toString());
    }
    return Text.lines(lines, Text.SECTION);
  }

  private static String pendingText(HomeBoard.Pending p, HomeBoard board) {
    Promotion pr = p.promotion();
    ApprovalStatus a = p.status().approvals();
    String shortfall = ApprovalLines.shortfall(pr.env(), a, null);
    return Text.clip(
        "*"
            + Text.escape(pr.app())
            + "* "
            + Text.code(pr.releaseTag())
            + " → *"
            + Text.escape(pr.env().toUpperCase(Locale.ROOT))
            + "*, requested by "
            + Text.user(pr.requester())
            + " · "
            + a.have()
            + " of "
            + a.need()
            + " approvals"
            + (pr.expiresAt() == null
                ? ""
                : " · expires in " + Durations.human(Duration.between(board.now(), pr.expiresAt())))
            + (p.link() == null ? "" : " · <" + p.link() + "|open its thread>")
            + (shortfall == null ? "" : "\n⚠️ " + shortfall)
            + (p.offers().isEmpty() ? "\n_You cannot approve or reject this one._" : ""),
        Text.SECTION);
  }

  /** "✅ done", "3h 0m left", with how long the checks held where the bake is metric-gated. */
  static String bakeLeft(Duration left, BakeHealthView health) {
    if (health == null) {
      return left.isZero() ? "✅ done" : Durations.human(left) + " left";
    }
    if (health.complete() && left.isZero()) {
      return "✅ done, " + health.text();
    }
    return (left.isZero() ? "" : Durations.human(left) + " left, ") + health.text();
  }
}
