package dev.baton.slack;

import static dev.baton.testing.Builders.aPromotion;
import static dev.baton.testing.Builders.aRelease;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.model.BreakGlass;
import dev.baton.pipeline.model.Principals;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.SourceRepository;
import dev.baton.pipeline.view.ApprovalStatus;
import dev.baton.pipeline.view.Bake;
import dev.baton.slack.blocks.PromotionCard;
import dev.baton.slack.blocks.PromotionMessage;
import dev.baton.slack.blocks.Rendered;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The approval request says what it changes against what runs in the target: which workloads'
 * digests change and which stay, the commit range as a compare link in the app's forge's form, and
 * the first deployment where nothing runs yet.
 */
class WhatChangesTest {
  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  static final String OLD = "a".repeat(40);
  static final String NEW = "b".repeat(40);
  static final String MAIN_OLD = "sha256:" + "1".repeat(64);
  static final String MAIN_NEW = "sha256:" + "2".repeat(64);
  static final String WORKER = "sha256:" + "3".repeat(64);

  static final Release RUNS =
      aRelease()
          .withTag("2026.11.21.0001")
          .withCommit(OLD)
          .withDigests(Map.of("main-app", MAIN_OLD, "worker-app", WORKER))
          .build();
  static final Release SHIPS =
      aRelease()
          .withTag("2026.11.22.0002")
          .withCommit(NEW)
          .withBuildUrl("https://ci.example/runs/2")
          .withDigests(Map.of("main-app", MAIN_NEW, "worker-app", WORKER))
          .build();

  @Test
  void changedAndUnchangedWorkloadsAreNamedAgainstWhatRuns() {
    String text = text(card(RUNS, null, null));
    assertThat(text)
        .contains("*What changes in *PROD** (runs `2026.11.21.0001` now):")
        .contains("🔄 `main-app` changes `sha256:111111111111` → `sha256:222222222222`")
        .contains("➖ `worker-app` stays `sha256:333333333333`")
        .contains("*Commits:* `aaaaaaaaaaaa`…`bbbbbbbbbbbb`")
        .contains("<https://ci.example/runs/2|build>")
        .doesNotContain("|compare>");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "https://github.com/org/credreg,,https://github.com/org/credreg/compare/OLD...NEW",
    "https://gitlab.com/org/credreg,,https://gitlab.com/org/credreg/-/compare/OLD...NEW",
    "https://bitbucket.org/org/credreg,,https://bitbucket.org/org/credreg/branches/compare/NEW%0DOLD",
    "https://git.example/credreg/,{url}/diff?from={from}&to={to},https://git.example/credreg/diff?from=OLD&to=NEW",
  })
  void theCommitRangeLinksToTheForgesCompareForm(String url, String compare, String link) {
    String text = text(card(RUNS, new SourceRepository(url, compare), null));
    String expected = link.replace("OLD", OLD).replace("NEW", NEW);
    assertThat(text).contains("`bbbbbbbbbbbb` · <" + expected + "|compare>");
  }

  @Test
  void anUnknownHostWithoutATemplateShowsTheRangeWithoutALink() {
    String text = text(card(RUNS, new SourceRepository("https://git.example/credreg", null), null));
    assertThat(text)
        .contains("*Commits:* `aaaaaaaaaaaa`…`bbbbbbbbbbbb`")
        .doesNotContain("compare>");
  }

  @Test
  void aFirstDeploymentSaysNothingRunsThereYet() {
    String text =
        text(card(null, new SourceRepository("https://github.com/org/credreg", null), null));
    assertThat(text)
        .contains("*What changes in *PROD*:* first deployment — nothing runs there yet")
        .doesNotContain("compare>");
  }

  @Test
  void aLongBreakGlassRequestWithEveryLineStaysWithinBlockKitLimits() {
    BreakGlass why = BreakGlass.of("x".repeat(5000), "INC-1");
    Rendered r =
        PromotionMessage.build(
            card(RUNS, new SourceRepository("https://github.com/" + "o".repeat(2000), null), why));
    assertThat(BlockKitLimits.check(r.blocksJson(), 50)).isEmpty();
    assertThat(r.blocksJson()).contains("🔨 *BREAK-GLASS:* xxx");
  }

  static PromotionCard card(Release runs, SourceRepository source, BreakGlass breakGlass) {
    Promotion p =
        aPromotion()
            .release(SHIPS.tag(), SHIPS.digests())
            .inState(PromotionState.PENDING_APPROVAL)
            .requestedAt(NOW)
            .updatedAt(NOW)
            .expiresAt(NOW.plus(Duration.ofHours(24)))
            .build()
            .withBreakGlass(breakGlass);
    return new PromotionCard(
        p,
        SHIPS,
        true,
        new ApprovalStatus(0, 1, List.of(), new Principals(Set.of("UAPPROVER1"), Set.of()), true),
        Bake.of(NOW.minus(Duration.ofHours(2)), Duration.ofHours(24), NOW),
        null,
        List.of(),
        null,
        false,
        false,
        null,
        runs == null ? null : runs.tag(),
        null,
        NOW,
        null,
        runs,
        source);
  }

  static String text(PromotionCard c) {
    return PromotionMessage.build(c)
        .blocksJson()
        .replace("\\u003c", "<")
        .replace("\\u003e", ">")
        .replace("\\u0026", "&")
        .replace("\\u003d", "=")
        .replace("\\n", "\n");
  }
}
