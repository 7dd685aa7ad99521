package dev.baton.faults;

import static dev.baton.faults.BatonUnderFaults.APP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.faults.BatonUnderFaults.Build;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.slack.SlackStandIn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What every fault scenario checks afterwards: the promotion ended in a defined state, with every
 * state change in the audit log; Slack shows that state and its reason as people read it (no stack
 * trace, no secret), including what could not be delivered during an outage; and Baton's inventory
 * is what the cluster runs, with every pointer tag on it.
 */
final class Outcomes {
  private static final Pattern STACK_TRACE =
      Pattern.compile("(\\n\\s*at [\\w.$]+\\(|\\.java:\\d+\\)|Caused by:|\\tat )");

  private final BatonUnderFaults baton;

  Outcomes(BatonUnderFaults baton) {
    this.baton = baton;
  }

  /** Waits for the promotion of {@code tag} into {@code env} to end; sweeps as the timer would. */
  Promotion awaitEnd(String env, String tag) {
    long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    long nextSweep = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    while (System.nanoTime() < end) {
      Promotion p = baton.promotion(env, tag).orElse(null);
      if (p != null && p.state().terminal()) {
        return p;
      }
      if (System.nanoTime() > nextSweep) {
        baton.core().sweeper().sweep(); // a promotion that waits is picked up by the sweep
        nextSweep = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      }
      sleep(20);
    }
    throw new AssertionError(
        "the promotion of "
            + tag
            + " into "
            + env
            + " did not end: "
            + baton.promotion(env, tag).map(p -> p.state() + " at " + p.step()).orElse("none")
            + "\nSlack: "
            + baton.slack.describe());
  }

  /** Registers build {@code n} and waits until it runs in test. */
  Build deployedToTest(int n) {
    Build b = baton.register(baton.push(n));
    Promotion p = awaitEnd("test", b.tag());
    assertThat(p.state()).as(String.valueOf(p.reason())).isEqualTo(PromotionState.SUCCEEDED);
    return b;
  }

  /** Waits until the promotion of {@code tag} into {@code env} runs {@code step}. */
  void awaitStep(String env, String tag, Step step) {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < end) {
      if (baton.promotion(env, tag).filter(p -> p.step() == step).isPresent()) {
        return;
      }
      sleep(10);
    }
    throw new AssertionError("the promotion of " + tag + " never reached " + step);
  }

  /** Registers build {@code b}, which deploys it to test, and waits for that to end. */
  Promotion deployToTest(Build b) {
    baton.register(b);
    return awaitEnd("test", b.tag());
  }

  /**
   * The promotion succeeded: Slack shows it, the audit log has it, its environment runs {@code b}
   * and the inventory is what runs.
   */
  void succeeded(Promotion p, Build b) {
    assertThat(p.state()).as(String.valueOf(p.reason())).isEqualTo(PromotionState.SUCCEEDED);
    slackShows(p);
    endedRunning(p, b.tag());
  }

  /**
   * The promotion's moves are audited, its environment is recorded to run {@code release} (the one
   * before, for one that failed) and the inventory is what runs.
   */
  void endedRunning(Promotion p, String release) {
    audited(p);
    assertThat(current(p.env())).isEqualTo(release);
    inventoryIsWhatRuns();
  }

  /** Asks for the promotion in Slack and waits for its end. */
  Promotion promoteToProd(Build b) {
    assertThat(baton.slashPromote("prod").statusCode()).isEqualTo(200);
    return awaitEnd("prod", b.tag());
  }

  /** Promotes a build to prod with no fault: the starting point of a scenario. */
  Build runningInProd(int n) {
    Build b = deployedToTest(n);
    Promotion p = promoteToProd(b);
    assertThat(p.state()).as(String.valueOf(p.reason())).isEqualTo(PromotionState.SUCCEEDED);
    slackShows(p);
    return b;
  }

  /**
   * The promotion's reply in its release thread shows its final state (or that it is still
   * deploying, for one that waits), once Slack has caught up; no message Baton sent carries a stack
   * trace or a secret. Returns what the reply shows.
   */
  String slackShows(Promotion p) {
    String headline =
        switch (p.state()) {
          case SUCCEEDED -> "✅ *Deployed* to *" + p.env().toUpperCase(Locale.ROOT) + "*";
          case FAILED -> "❌ *Failed*";
          case ROLLED_BACK -> "↩️ *Failed and rolled back*";
          case RUNNING -> "⏳ *Deploying*"; // one that waits, recovering
          default -> throw new AssertionError("not a state this suite shows: " + p.state());
        };
    String[] shown = new String[1];
    baton.slack.await(
        "the reply of " + p.id() + " to show " + headline,
        s -> {
          SlackStandIn.Message reply = reply(p);
          shown[0] = reply == null ? null : reply.visible();
          return shown[0] != null
              && shown[0].contains(headline)
              && baton.chat().queue().backlog() == 0;
        },
        Duration.ofSeconds(25));
    for (SlackStandIn.Call call : baton.slack.calls()) {
      String body = call.body();
      assertThat(STACK_TRACE.matcher(body).find()).as("a stack trace in " + body).isFalse();
      assertThat(body)
          .doesNotContain(BatonUnderFaults.SIGNING_SECRET)
          .doesNotContain(BatonUnderFaults.BOT_TOKEN)
          .doesNotContain(BatonUnderFaults.KUBE_TOKEN);
    }
    assertThat(baton.slack.roots().stream().filter(m -> m.visible().contains(p.releaseTag())))
        .as("one thread per release")
        .hasSize(1);
    return shown[0];
  }

  /** The reply of this promotion in its release's thread, or null when not posted. */
  SlackStandIn.Message reply(Promotion p) {
    String env = "to *" + p.env().toUpperCase(Locale.ROOT) + "*";
    return baton.slack.roots().stream()
        .filter(m -> m.visible().contains(p.releaseTag()))
        .flatMap(root -> baton.slack.replies(root.ts).stream())
        .filter(m -> m.visible().contains(env))
        .reduce((first, second) -> second)
        .orElse(null);
  }

  /** Every move of the promotion is in the audit log, ending with its final state. */
  List<String> audited(Promotion p) {
    List<String> actions =
        baton
            .core()
            .ports()
            .store()
            .audit(new AuditQuery(APP, p.env(), p.releaseTag(), null, null, null, null, 500))
            .stream()
            .filter(e -> p.id().equals(e.promotionId()))
            .map(AuditEvent::action)
            .collect(Collectors.toCollection(ArrayList::new));
    Collections.reverse(actions); // oldest first
    assertThat(actions)
        .contains(
            "promotion.requested",
            "promotion.running",
            "promotion." + p.state().name().toLowerCase(Locale.ROOT));
    assertThat(actions.get(actions.size() - 1))
        .isEqualTo("promotion." + p.state().name().toLowerCase(Locale.ROOT));
    assertThat(baton.core().queries().verifyAuditChain().valid()).isTrue();
    return actions;
  }

  /**
   * Baton's current release of every environment is what its Deployments run, and every pointer tag
   * points at that release's digests: all moved, or all put back.
   */
  void inventoryIsWhatRuns() {
    for (String env : BatonUnderFaults.ENVS) {
      Deployment current =
          baton
              .core()
              .ports()
              .store()
              .read(r -> r.currentDeployment(APP, env))
              .orElseThrow(() -> new AssertionError("nothing recorded in " + env));
      String tag = BatonUnderFaults.POINTER_TAGS.get(env);
      for (String w : BatonUnderFaults.CONTAINERS.keySet()) {
        String digest = current.digests().get(w);
        assertThat(baton.imageIn(env, w))
            .as("%s in %s runs the recorded %s", w, env, current.releaseTag())
            .isEqualTo(baton.repository(w) + "@" + digest);
        assertThat(baton.pusher.fetch(baton.repository(w), tag).digest())
            .as("%s:%s points at what %s runs", baton.repository(w), tag, env)
            .isEqualTo(digest);
      }
    }
  }

  /** The release {@code env} is recorded to run. */
  String current(String env) {
    return baton
        .core()
        .ports()
        .store()
        .read(r -> r.currentDeployment(APP, env))
        .map(Deployment::releaseTag)
        .orElse(null);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
