package dev.baton.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packs {@link dev.baton.bench.bare.BareBoltApp} as a runnable jar beside Baton's, so that both are
 * started the same way ({@code java -jar}, same flags): the bare app's classes and bean definitions
 * only (none of Baton's), Baton's logging configuration, and Baton's runtime dependencies on the
 * manifest's {@code Class-Path} (linked into {@code bare-lib/}).
 */
final class BareJar {
  private static final String PACKAGE = "dev/baton/bench/bare/";
  private static final String DEFINITIONS =
      "META-INF/micronaut/io.micronaut.inject.BeanDefinitionReference/";

  private static final ThreadLocal<java.util.Set<String>> DIRS =
      ThreadLocal.withInitial(java.util.HashSet::new);

  private BareJar() {}

  /**
   * @param classpath file listing Baton's runtime dependencies, separated by {@code :} ({@code mvn
   *     dependency:build-classpath -Dmdep.includeScope=runtime})
   */
  static Path build(Path classpath, Path outDir) throws IOException {
    Path lib = outDir.resolve("bare-lib");
    Files.createDirectories(lib);
    List<String> entries = new ArrayList<>();
    for (String dep : Files.readString(classpath).trim().split(":")) {
      Path source = Path.of(dep);
      Path link = lib.resolve(source.getFileName());
      if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, source.toAbsolutePath());
      }
      entries.add("bare-lib/" + source.getFileName());
    }
    Manifest manifest = new Manifest();
    Attributes a = manifest.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.put(Attributes.Name.MAIN_CLASS, "dev.baton.bench.bare.BareBoltApp");
    a.put(Attributes.Name.CLASS_PATH, String.join(" ", entries));
    Path jar = outDir.resolve("bare-bolt.jar");
    Path classes = Path.of("target/test-classes");
    DIRS.get().clear();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      copyTree(classes, classes.resolve(PACKAGE), out);
      try (Stream<Path> defs = Files.list(classes.resolve(DEFINITIONS))) {
        for (Path d :
            defs.filter(p -> p.getFileName().toString().startsWith("dev.baton.bench.bare."))
                .toList()) {
          copy(classes, d, out);
        }
      }
      // Baton's log set-up (in code, found by logback through its service file)
      Path main = Path.of("target/classes");
      copy(main, main.resolve("dev/baton/logging/BatonLogging.class"), out);
      copy(main, main.resolve("META-INF/services/ch.qos.logback.classic.spi.Configurator"), out);
    }
    return jar;
  }

  private static void copyTree(Path root, Path dir, JarOutputStream out) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        copy(root, f, out);
      }
    }
  }

  private static void copy(Path root, Path file, JarOutputStream out) throws IOException {
    String name = root.relativize(file).toString().replace('\\', '/');
    // Directory entries too: Micronaut lists its bean definitions as a directory's entries.
    for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
      String dir = name.substring(0, slash + 1);
      if (DIRS.get().add(dir)) {
        out.putNextEntry(new JarEntry(dir));
        out.closeEntry();
      }
    }
    out.putNextEntry(new JarEntry(name));
    try (OutputStream o =
        new java.io.FilterOutputStream(out) {
          @Override
          public void close() {}
        }) {
      Files.copy(file, o);
    }
    out.closeEntry();
  }
}
