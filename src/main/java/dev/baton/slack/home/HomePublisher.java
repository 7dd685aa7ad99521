package dev.baton.slack.home;

import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.PipelineQueries;
import dev.baton.pipeline.ThreeWayDrift;
import dev.baton.pipeline.dora.DoraFigures;
import dev.baton.pipeline.dora.DoraQueries;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.UnrecordedImages;
import dev.baton.pipeline.view.PromotionStatus;
import dev.baton.slack.blocks.HomeBoard;
import dev.baton.slack.blocks.HomeView;
import dev.baton.slack.notify.DeliveryQueue;
import dev.baton.slack.notify.SlackChat;
import dev.baton.slack.notify.SlackMessages;
import dev.baton.slack.notify.ThreadPublisher;
import dev.baton.slack.web.SlackWeb;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Publishes the App Home board ({@code views.publish}) when someone opens it, and again for
 * everyone who opened it lately whenever the state changes; unchanged boards are not sent again.
 */
public final class HomePublisher implements SlackChat.HomeRefresh {
  /** Whose board is kept current: people who opened it within this time. */
  static final Duration VIEWERS_SINCE = Duration.ofDays(30);

  static final int MAX_VIEWERS = 200;

  private final Supplier<PipelineCore> core;
  private final SlackWeb web;
  private final SlackMessages messages;
  private final DeliveryQueue queue;
  private final Map<String, Integer> lastSent = new ConcurrentHashMap<>();

  private final DoraQueries dora;

  /** The DORA figures of the last board, shared by every viewer's board for {@link #DORA_FRESH}. */
  private volatile DoraSnapshot doraSnapshot;

  private record DoraSnapshot(Instant at, Map<String, List<DoraFigures>> figures) {}

  /**
   * How long one computation of the board's DORA figures serves: they are the same for every
   * viewer, and a refresh republishes up to {@link #MAX_VIEWERS} boards at once.
   */
  static final Duration DORA_FRESH = Duration.ofSeconds(30);

  public HomePublisher(
      Supplier<PipelineCore> core, SlackWeb web, SlackMessages messages, DeliveryQueue queue) {
    this(core, web, messages, queue, null);
  }

  /**
   * @param dora the DORA figures shown at the end of the board; null for none
   */
  public HomePublisher(
      Supplier<PipelineCore> core,
      SlackWeb web,
      SlackMessages messages,
      DeliveryQueue queue,
      DoraQueries dora) {
    this.dora = dora;
    this.core = core;
    this.web = web;
    this.messages = messages;
    this.queue = queue;
  }

  /** Someone opened the App Home: remember them and show them the board. */
  public void opened(String user) {
    messages.homeOpened(user, Instant.now());
    lastSent.remove(user);
    queue.submit("home:" + user, () -> publish(user, null));
  }

  /** Shows the board with a line on top (the answer to a button clicked on the board). */
  public void notice(String user, String notice) {
    lastSent.remove(user);
    queue.submit("home-notice:" + user + ":" + notice.hashCode(), () -> publish(user, notice));
  }

  @Override
  public void refreshAll() {
    for (String user : messages.homeViewers(Instant.now().minus(VIEWERS_SINCE), MAX_VIEWERS)) {
      queue.submit("home:" + user, () -> publish(user, null));
    }
  }

  void publish(String user, String notice) {
    View view = HomeView.build(board(user, notice));
    int hash = GsonFactory.createSnakeCase().toJson(view).hashCode();
    if (notice == null && Integer.valueOf(hash).equals(lastSent.get(user))) {
      return;
    }
    web.publishHome(user, view);
    if (notice == null) {
      lastSent.put(user, hash);
    } else {
      lastSent.remove(user);
    }
  }

  /** The board as {@code user} sees it: only the buttons the core offers that person. */
  public HomeBoard board(String user, String notice) {
    PipelineCore c = core.get();
    Pipeline pipeline = c.queries().pipeline();
    List<PipelineQueries.AppState> apps = new ArrayList<>();
    Map<String, Map<String, UnrecordedImages>> unrecorded = new HashMap<>();
    Map<String, Map<String, ThreeWayDrift>> git = new HashMap<>();
    for (String app : pipeline.apps().keySet()) {
      apps.add(c.queries().appState(app));
      unrecorded.put(app, c.queries().unrecordedImages(app));
      git.put(app, c.queries().gitDrifts(app));
    }
    List<HomeBoard.Pending> pending = new ArrayList<>();
    for (PromotionStatus s : c.views().pendingApprovals()) {
      Promotion p = s.promotion();
      pending.add(new HomeBoard.Pending(s, c.views().offers(s, user), link(p)));
    }
    List<String> chain = pipeline.environments().stream().map(EnvironmentDefinition::name).toList();
    Map<String, List<DoraFigures>> figures = doraFigures(pipeline, c.queries().now());
    return new HomeBoard(apps, pending, chain, notice, c.queries().now(), unrecorded, figures, git);
  }

  /**
   * A link to the promotion's reply in its release thread, built from the stored channel and ts.
   */
  private Map<String, List<DoraFigures>> doraFigures(Pipeline pipeline, Instant now) {
    if (dora == null) {
      return Map.of();
    }
    DoraSnapshot last = doraSnapshot;
    if (last != null && !now.isBefore(last.at()) && now.isBefore(last.at().plus(DORA_FRESH))) {
      return last.figures();
    }
    Map<String, List<DoraFigures>> figures = new HashMap<>();
    for (String app : pipeline.apps().keySet()) {
      figures.put(app, dora.figures(app, null, HomeBoard.DORA_PERIOD));
    }
    doraSnapshot = new DoraSnapshot(now, Map.copyOf(figures));
    return figures;
  }

  private String link(Promotion p) {
    Optional<SlackMessages.MessageRef> reply =
        messages
            .find(ThreadPublisher.promotionKey(p.id()))
            .filter(SlackMessages.MessageRef::posted);
    if (reply.isEmpty()) {
      return null;
    }
    Optional<SlackMessages.MessageRef> root =
        messages
            .find(ThreadPublisher.releaseKey(p.app(), p.releaseTag()))
            .filter(SlackMessages.MessageRef::posted);
    return SlackLinks.message(
        reply.get().channel(),
        reply.get().ts(),
        root.map(SlackMessages.MessageRef::ts).orElse(null));
  }
}
