package dev.baton.gitops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The files of a clone's work tree. */
final class WorkTree implements FileTree {
  private final Path root;

  WorkTree(Path root) {
    this.root = root;
  }

  @Override
  public Optional<String> read(String path) {
    Path p = root.resolve(path).normalize();
    if (!p.startsWith(root) || !Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<String> list(String dir) {
    Path d = root.resolve(dir).normalize();
    if (!d.startsWith(root) || !Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(d)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
