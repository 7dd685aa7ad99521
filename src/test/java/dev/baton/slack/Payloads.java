package dev.baton.slack;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Slack's reference payloads (copied from the shared protocol notes), kept beside the tests that
 * read them.
 */
final class Payloads {
  private static final Path DIR = Path.of("src/test/java/dev/baton/slack/payloads");

  private Payloads() {}

  static String text(String name) {
    try {
      return Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject json(String name) {
    return JsonParser.parseString(text(name)).getAsJsonObject();
  }
}
