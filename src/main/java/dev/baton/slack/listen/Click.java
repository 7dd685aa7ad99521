package dev.baton.slack.listen;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.request.builtin.BlockActionRequest;

/** The parts of a button click the listeners use. */
record Click(String user, String value, String responseUrl) {
  /** Null when the payload lacks what every Baton button sends. */
  static Click of(BlockActionRequest req) {
    BlockActionPayload p = req.getPayload();
    if (p == null
        || p.getUser() == null
        || p.getUser().getId() == null
        || p.getActions() == null
        || p.getActions().isEmpty()) {
      return null;
    }
    return new Click(p.getUser().getId(), p.getActions().get(0).getValue(), p.getResponseUrl());
  }
}
