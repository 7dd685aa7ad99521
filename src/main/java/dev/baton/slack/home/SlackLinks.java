package dev.baton.slack.home;

/** Links into Slack built from what Baton stores (channel and ts), without asking Slack. */
final class SlackLinks {
  private SlackLinks() {}

  /**
   * A message's archive link; Slack opens it in the reader's workspace. A reply in a thread links
   * with its thread's ts, so the thread opens around it.
   *
   * @param threadTs the thread's root ts, or null for a message that is not a reply
   */
  static String message(String channel, String ts, String threadTs) {
    String link = "https://slack.com/archives/" + channel + "/p" + ts.replace(".", "");
    return threadTs == null || threadTs.equals(ts)
        ? link
        : link + "?thread_ts=" + threadTs + "&cid=" + channel;
  }
}
