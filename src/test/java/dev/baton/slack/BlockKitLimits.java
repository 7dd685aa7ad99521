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
