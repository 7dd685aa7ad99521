package dev.baton.slack.notify;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.slack.blocks.PromotionMessage;
import dev.baton.slack.blocks.ReleaseMessage;
import dev.baton.slack.blocks.Rendered;
import dev.baton.slack.web.SlackCallFailed;
import dev.baton.slack.web.SlackWeb;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one thread per release in step with the store: the root message ({@code
 * release:<app>:<tag>}) and one reply per deployment ({@code promotion:<id>}), each posted once and
 * then updated in place. Before posting, a replica claims the message's key in the database, so two
 * replicas never both post it; the one that lost updates it once it is posted.
 */
public final class ThreadPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadPublisher.class);

  /** A claim older than this without a posted message is taken over (its holder died). */
  static final Duration STALE_CLAIM = Duration.ofMinutes(2);

  private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");
  private final AtomicBoolean warnedSearch = new AtomicBoolean();

  private static final Set<String> GONE =
      Set.of("message_not_found", "cant_update_message", "edit_window_closed");

  private final Cards cards;
  private final SlackMessages messages;
  private final SlackWeb web;
  private final String defaultChannel;
  private final String owner;
  private final Set<String> warnedApps = ConcurrentHashMap.newKeySet();

  public ThreadPublisher(
      Cards cards, SlackMessages messages, SlackWeb web, String defaultChannel, String owner) {
    this.cards = cards;
    this.messages = messages;
    this.web = web;
    this.defaultChannel = defaultChannel;
    this.owner = owner;
  }

  public static String releaseKey(String app, String tag) {
    return "release:" + app + ":" + tag;
  }

  public static String promotionKey(String id) {
    return "promotion:" + id;
  }

  /** Posts or updates the root message of a release; empty when it has nowhere to go. */
  public Optional<SlackMessages.MessageRef> publishRelease(String app, String tag) {
    Optional<String> channel = channelOf(app);
    if (channel.isEmpty()) {
      return Optional.empty();
    }
    return cards
        .release(app, tag)
        .map(ReleaseMessage::build)
        .map(r -> upsert(releaseKey(app, tag), channel.get(), null, r));
  }

  /** Posts or updates a deployment's reply, and the root message of its release first. */
  public void publishPromotion(String id) {
    cards
        .promotion(id)
        .ifPresent(
            card -> {
              var p = card.promotion();
              publishRelease(p.app(), p.releaseTag())
                  .ifPresent(
                      root ->
                          upsert(
                              promotionKey(id),
                              root.channel(),
                              root.ts(),
                              PromotionMessage.build(card)));
            });
  }

  /** Posts a one-off reply in a release's thread (reminders). */
  public void replyInThread(String app, String tag, String text) {
    publishRelease(app, tag)
        .ifPresent(root -> web.postMessage(root.channel(), root.ts(), text, null));
  }

  /** Every configured app, for notices that concern them all. */
  public Collection<AppDefinition> channelsSource() {
    return cards.pipeline().apps().values();
  }

  public Optional<String> defaultChannel() {
    return Optional.ofNullable(defaultChannel);
  }

  public Optional<String> channelOf(String app) {
    String channel =
        cards
            .pipeline()
            .app(app)
            .map(AppDefinition::channel)
            .filter(c -> !c.isBlank())
            .orElse(null);
    if (channel == null) {
      channel = defaultChannel;
    }
    if (channel == null && warnedApps.add(app)) {
      LOG.warn(
          "app {} has no channel and baton.slack.default-channel is not set: its releases are"
              + " not posted to Slack",
          app);
    }
    return Optional.ofNullable(channel);
  }

  private SlackMessages.MessageRef upsert(
      String key, String channel, String threadTs, Rendered rendered) {
    Instant now = Instant.now();
    Optional<SlackMessages.MessageRef> found = messages.find(key);
    if (found.isEmpty()) {
      if (!messages.claim(key, owner, now)) {
        throw new DeliveryQueue.Later(key + " is being posted elsewhere", Duration.ofSeconds(1));
      }
      return post(key, channel, threadTs, rendered, now);
    }
    SlackMessages.MessageRef ref = found.get();
    if (!ref.posted()) {
      if (owner.equals(ref.claimedBy())
          || fromEarlierStart(ref.claimedBy())
              && messages.takeOverFrom(key, owner, now, ref.claimedBy())
          || messages.takeOver(key, owner, now, now.minus(STALE_CLAIM))) {
        // The holder may have died after Slack took the message but before it said where: look
        // for it before posting it a second time.
        Optional<SlackMessages.MessageRef> earlier = alreadyPosted(key, channel, threadTs, now);
        if (earlier.isEmpty()) {
          return post(key, channel, threadTs, rendered, now);
        }
        ref = earlier.get();
      } else {
        throw new DeliveryQueue.Later(key + " is being posted elsewhere", Duration.ofSeconds(2));
      }
    }
    if (rendered.hash().equals(ref.contentHash())) {
      return ref;
    }
    try {
      web.update(ref.channel(), ref.ts(), rendered.text(), rendered.blocks());
    } catch (SlackCallFailed e) {
      if (GONE.contains(e.error())) {
        LOG.info("{} is gone from Slack ({}); posting it again", key, e.error());
        messages.forget(key);
        throw new DeliveryQueue.Later("repost " + key, Duration.ZERO);
      }
      throw e;
    }
    messages.updated(key, rendered.hash(), now);
    return ref;
  }

  private SlackMessages.MessageRef post(
      String key, String channel, String threadTs, Rendered rendered, Instant now) {
    SlackWeb.Posted posted;
    try {
      posted = web.postMessage(channel, threadTs, rendered.text(), rendered.blocks(), key);
    } catch (RuntimeException e) {
      messages.release(key, owner);
      throw e;
    }
    messages.posted(key, posted.channel(), posted.ts(), rendered.hash(), now);
    return new SlackMessages.MessageRef(
        key, posted.channel(), posted.ts(), rendered.hash(), now, owner);
  }

  /**
   * The message if a dead holder of its claim did post it: found by the key Baton puts in every
   * message's metadata, among the channel's (or thread's) newest messages. Slack reads history by
   * channel ID only, so a channel configured by name cannot be searched and the message is posted
   * again; so is one whose search Slack refuses (no history scope).
   */
  private Optional<SlackMessages.MessageRef> alreadyPosted(
      String key, String channel, String threadTs, Instant now) {
    if (channel == null || !CHANNEL_ID.matcher(channel).matches()) {
      return Optional.empty();
    }
    Optional<String> ts;
    try {
      ts = web.findPosted(channel, threadTs, key);
    } catch (SlackCallFailed e) {
      if (e.retryable()) {
        throw e;
      }
      if (warnedSearch.compareAndSet(false, true)) {
        LOG.warn(
            "Slack refused to search {} for a message a dead replica may have posted ({}): posting"
                + " it again; add the channels:history and groups:history scopes (manifest.yml)",
            channel,
            e.error());
      }
      return Optional.empty();
    }
    if (ts.isEmpty()) {
      return Optional.empty();
    }
    LOG.info("{} was posted before its poster stopped; updating it instead of posting again", key);
    messages.posted(key, channel, ts.get(), null, now);
    return Optional.of(new SlackMessages.MessageRef(key, channel, ts.get(), null, now, owner));
  }

  /**
   * True for a claim left by an earlier start of this replica (same instance id, another boot):
   * that start is dead, so its claim need not age first. Owners read {@code instance#boot/uuid}.
   */
  boolean fromEarlierStart(String claimedBy) {
    int hash = owner.indexOf('#');
    return claimedBy != null
        && hash > 0
        && claimedBy.startsWith(owner.substring(0, hash + 1))
        && !claimedBy.equals(owner);
  }
}
