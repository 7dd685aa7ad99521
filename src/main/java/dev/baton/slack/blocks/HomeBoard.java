package dev.baton.slack.blocks;

import dev.baton.pipeline.PipelineQueries;
import dev.baton.pipeline.ThreeWayDrift;
import dev.baton.pipeline.dora.DoraFigures;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.UnrecordedImages;
import dev.baton.pipeline.view.Offer;
import dev.baton.pipeline.view.PromotionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the App Home shows: every app across the chain and the promotions waiting for approval.
 *
 * @param notice a line shown on top (the answer to a button clicked on the board), or null
 * @param unrecorded app → environment → images running where Baton recorded no deployment
 * @param git app → GitOps environment → what the inventory, Git and the cluster say
 */
public record HomeBoard(
    List<PipelineQueries.AppState> apps,
    List<Pending> pending,
    List<String> chain,
    String notice,
    Instant now,
    Map<String, Map<String, UnrecordedImages>> unrecorded,
    Map<String, List<DoraFigures>> dora,
    Map<String, Map<String, ThreeWayDrift>> git) {
  /** How far back the board's DORA section looks. */
  public static final java.time.Duration DORA_PERIOD = java.time.Duration.ofDays(30);

  public HomeBoard {
    apps = List.copyOf(apps);
    pending = List.copyOf(pending);
    chain = List.copyOf(chain);
    unrecorded = Map.copyOf(unrecorded);
    dora = dora == null ? Map.of() : Map.copyOf(dora);
    git = git == null ? Map.of() : Map.copyOf(git);
  }

  /** A board without GitOps drift. */
  public HomeBoard(
      List<PipelineQueries.AppState> apps,
      List<Pending> pending,
      List<String> chain,
      String notice,
      Instant now,
      Map<String, Map<String, UnrecordedImages>> unrecorded,
      Map<String, List<DoraFigures>> dora) {
    this(apps, pending, chain, notice, now, unrecorded, dora, Map.of());
  }

  /** A board without a DORA section. */
  public HomeBoard(
      List<PipelineQueries.AppState> apps,
      List<Pending> pending,
      List<String> chain,
      String notice,
      Instant now,
      Map<String, Map<String, UnrecordedImages>> unrecorded) {
    this(apps, pending, chain, notice, now, unrecorded, Map.of());
  }

  public HomeBoard(
      List<PipelineQueries.AppState> apps,
      List<Pending> pending,
      List<String> chain,
      String notice,
      Instant now) {
    this(apps, pending, chain, notice, now, Map.of());
  }

  /** Environment → images running where Baton recorded no deployment of {@code app}. */
  public Map<String, UnrecordedImages> unrecordedOf(String app) {
    return unrecorded.getOrDefault(app, Map.of());
  }

  /** GitOps environment → three-way drift of {@code app}. */
  public Map<String, ThreeWayDrift> gitDriftOf(String app) {
    return git.getOrDefault(app, Map.of());
  }

  /**
   * A promotion waiting for approval, as the core sees it, with what the board's viewer is offered.
   *
   * @param offers the actions the core lets the viewer take now: the board shows only these buttons
   * @param link where its thread is in Slack, or null before its message was posted
   */
  public record Pending(PromotionStatus status, Set<Offer> offers, String link) {
    public Pending {
      offers = Set.copyOf(offers);
    }

    public Promotion promotion() {
      return status.promotion();
    }
  }
}
