package dev.baton.slack.listen;

import dev.baton.slack.home.HomePublisher;
import dev.baton.slack.web.ReplySender;

/**
 * Where the answer to a click goes: the clicked message's {@code response_url} (ephemeral), or, for
 * buttons on the App Home (which have none), a notice on top of the person's board.
 */
record Answer(String responseUrl, String user, ReplySender replies, HomePublisher homes) {
  void say(String text) {
    if (responseUrl != null) {
      replies.respond(responseUrl, text, null, false);
    } else {
      homes.notice(user, text);
    }
  }
}
