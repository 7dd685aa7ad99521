package dev.baton.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks Block Kit JSON against Slack's limits (protocols.md §E); returns every violation. */
final class BlockKitLimits {
  private final List<String> problems = new ArrayList<>();

  static List<String> check(String blocksJson, int maxBlocks) {
    BlockKitLimits l = new BlockKitLimits();
    JsonArray blocks = JsonParser.parseString(blocksJson).getAsJsonArray();
    if (blocks.size() > maxBlocks) {
      l.problems.add(blocks.size() + " blocks > " + maxBlocks);
    }
    Set<String> blockIds = new HashSet<>();
    for (JsonElement e : blocks) {
      JsonObject b = e.getAsJsonObject();
      if (b.has("block_id")) {
        String id = b.get("block_id").getAsString();
        l.max("block_id", id, 255);
        if (!blockIds.add(id)) {
          l.problems.add("block_id " + id + " repeated");
        }
      }
      l.block(b);
    }
    return l.problems;
  }

  /** A modal's limits: title, buttons, callback id, private metadata, then its blocks. */
  static List<String> checkView(String viewJson) {
    JsonObject view = JsonParser.parseString(viewJson).getAsJsonObject();
    List<String> problems = new ArrayList<>(check(view.getAsJsonArray("blocks").toString(), 100));
    BlockKitLimits l = new BlockKitLimits();
    l.max("view title", text(view.getAsJsonObject("title")), 24);
    l.max("view close", text(view.getAsJsonObject("close")), 24);
    l.max("view callback_id", view.get("callback_id").getAsString(), 255);
    boolean inputs = false;
    for (JsonElement b : view.getAsJsonArray("blocks")) {
      inputs |= "input".equals(b.getAsJsonObject().get("type").getAsString());
    }
    if (inputs && !view.has("submit")) {
      l.problems.add("a modal with input blocks needs submit");
    }
    if (view.has("submit")) {
      l.max("view submit", text(view.getAsJsonObject("submit")), 24);
    }
    if (view.has("private_metadata")
        && view.get("private_metadata").getAsString().length() > 3000) {
      l.problems.add("private_metadata > 3000");
    }
    problems.addAll(l.problems);
    return problems;
  }

  private void input(JsonObject b) {
    max("input label", text(b.getAsJsonObject("label")), 2000);
    if (b.has("hint")) {
      max("input hint", text(b.getAsJsonObject("hint")), 2000);
    }
    JsonObject e = b.getAsJsonObject("element");
    max("action_id", e.get("action_id").getAsString(), 255);
    if (e.has("placeholder")) {
      max("placeholder", text(e.getAsJsonObject("placeholder")), 150);
    }
    switch (e.get("type").getAsString()) {
      case "static_select" -> options("static_select", e.getAsJsonArray("options"), 100);
      case "checkboxes" -> options("checkboxes", e.getAsJsonArray("options"), 10);
      case "plain_text_input" -> {
        if (e.has("max_length") && e.get("max_length").getAsInt() > 3000) {
          problems.add("plain_text_input max_length > 3000");
        }
      }
      default -> problems.add("unexpected input element " + e.get("type").getAsString());
    }
  }

  private void options(String what, JsonArray options, int maxOptions) {
    if (options.isEmpty() || options.size() > maxOptions) {
      problems.add(what + " with " + options.size() + " options");
    }
    for (JsonElement o : options) {
      JsonObject option = o.getAsJsonObject();
      max("option text", text(option.getAsJsonObject("text")), 75);
      max("option value", option.get("value").getAsString(), 150);
      if (option.has("description")) {
        max("option description", text(option.getAsJsonObject("description")), 75);
      }
    }
  }

  private void block(JsonObject b) {
    String type = b.get("type").getAsString();
    switch (type) {
      case "header" -> max("header text", text(b.getAsJsonObject("text")), 150);
      case "section" -> {
        if (b.has("text")) {
          max("section text", text(b.getAsJsonObject("text")), 3000);
        }
        if (b.has("fields")) {
          JsonArray f = b.getAsJsonArray("fields");
          if (f.size() > 10) {
            problems.add("section with " + f.size() + " fields");
          }
          f.forEach(x -> max("field", text(x.getAsJsonObject()), 2000));
        }
      }
      case "context" -> {
        JsonArray els = b.getAsJsonArray("elements");
        if (els.size() > 10) {
          problems.add("context with " + els.size() + " elements");
        }
        els.forEach(x -> max("context text", text(x.getAsJsonObject()), 3000));
      }
      case "actions" -> {
        JsonArray els = b.getAsJsonArray("elements");
        if (els.size() > 25) {
          problems.add("actions with " + els.size() + " elements");
        }
        els.forEach(x -> button(x.getAsJsonObject()));
      }
      case "divider" -> {}
      case "input" -> input(b);
      default -> problems.add("unexpected block type " + type);
    }
  }

  private void button(JsonObject b) {
    if (!"plain_text".equals(b.getAsJsonObject("text").get("type").getAsString())) {
      problems.add("button text must be plain_text");
    }
    max("button text", text(b.getAsJsonObject("text")), 75);
    max("action_id", b.get("action_id").getAsString(), 255);
    if (b.has("value")) {
      max("button value", b.get("value").getAsString(), 2000);
    }
    if (b.has("style")) {
      String style = b.get("style").getAsString();
      if (!style.equals("primary") && !style.equals("danger")) {
        problems.add("button style " + style);
      }
    }
    if (b.has("confirm")) {
      JsonObject c = b.getAsJsonObject("confirm");
      for (String part : List.of("title", "text", "confirm", "deny")) {
        if (!c.has(part)) {
          problems.add("confirm without " + part);
        }
      }
      max("confirm title", text(c.getAsJsonObject("title")), 100);
      max("confirm text", text(c.getAsJsonObject("text")), 300);
      max("confirm button", text(c.getAsJsonObject("confirm")), 30);
      max("deny button", text(c.getAsJsonObject("deny")), 30);
    }
  }

  private static String text(JsonObject t) {
    return t == null ? "" : t.get("text").getAsString();
  }

  private void max(String what, String value, int max) {
    if (value.isEmpty()) {
      problems.add(what + " is empty");
    }
    if (value.length() > max) {
      problems.add(what + " has " + value.length() + " characters > " + max);
    }
  }
}
