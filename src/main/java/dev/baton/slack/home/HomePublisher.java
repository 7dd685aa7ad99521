package dev.baton.slack.home;

import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.PipelineQueries;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.UnrecordedImages;
import dev.baton.slack.blocks.HomeBoard;
import dev.baton.slack.blocks.HomeView;
import dev.baton.slack.notify.DeliveryQueue;
import dev.baton.slack.notify.SlackChat;
import dev.baton.slack.notify.SlackMessages;
import dev.baton.slack.web.SlackWeb;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  public HomePublisher(
      Supplier<PipelineCore> core, SlackWeb web, SlackMessages messages, DeliveryQueue queue) {
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
    View view = HomeView.build(board(notice));
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

  public HomeBoard board(String notice) {
    PipelineCore c = core.get();
    Pipeline pipeline = c.ports().pipeline();
    List<PipelineQueries.AppState> apps = new ArrayList<>();
    Map<String, Map<String, UnrecordedImages>> unrecorded = new HashMap<>();
    for (String app : pipeline.apps().keySet()) {
      apps.add(c.queries().appState(app));
      unrecorded.put(app, c.queries().unrecordedImages(app));
    }
    List<HomeBoard.Pending> pending = new ArrayList<>();
    for (Promotion p : c.queries().pendingApprovals()) {
      EnvironmentDefinition env = pipeline.env(p.env()).orElse(null);
      if (env == null) {
        continue;
      }
      int approvals = c.ports().store().read(r -> r.approvals(p.id()).size());
      int required = env.policy().approvalsFor(p.kind());
      boolean last = pipeline.indexOf(env.name()) == pipeline.environments().size() - 1;
      pending.add(new HomeBoard.Pending(p, approvals, required, last));
    }
    List<String> chain = pipeline.environments().stream().map(EnvironmentDefinition::name).toList();
    return new HomeBoard(apps, pending, chain, notice, c.ports().clock().instant(), unrecorded);
  }
}
