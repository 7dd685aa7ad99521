package dev.baton.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which Baton this is: the version and commit the build wrote into {@code git.properties}
 * ("unknown" when run from sources without it), for the startup log and the replicas list.
 */
public record BuildInfo(String version, String commit) {
  public static BuildInfo read() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/git.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // the build information is for people; without it Baton runs all the same
    }
    String commit = p.getProperty("git.commit.id.abbrev", "unknown");
    if ("true".equals(p.getProperty("git.dirty"))) {
      commit += "+changes";
    }
    return new BuildInfo(p.getProperty("git.build.version", "unknown"), commit);
  }

  /** "0.1.0 (commit 1a2b3c4)". */
  public String describe() {
    return version + " (commit " + commit + ")";
  }
}
